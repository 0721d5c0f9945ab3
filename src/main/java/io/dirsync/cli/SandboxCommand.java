package io.dirsync.cli;

import io.dirsync.ConfigurationException;
import io.dirsync.sandbox.Answer;
import io.dirsync.sandbox.BitwardenSandbox;
import io.dirsync.sandbox.ImportOutcome;
import io.dirsync.sandbox.ReceivedRequest;
import io.dirsync.sandbox.SandboxHook;
import io.dirsync.sandbox.ServerMode;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Start the built-in Bitwarden sandbox on 127.0.0.1: a Bitwarden server with one organization (one"
                + " owner, nobody else) in memory, to try a configuration against before pointing it at a real"
                + " organization.",
                "Prints on stdout the bitwarden.* settings that point an instance at it, logs on stderr what each"
                        + " import changed, and runs until Ctrl-C or SIGTERM; the organization is forgotten then."})
final class SandboxCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Listen on this port (default: a free one).")
    int port;

    @Option(names = "--vaultwarden", description = "Behave as Vaultwarden instead of Bitwarden's own server.")
    boolean vaultwarden;

    @Option(names = "--cloud", description = "Behave as the Bitwarden cloud (its import size limit, seat autoscaling)"
            + " instead of a self-hosted server.")
    boolean cloud;

    @Override
    public Integer call() throws InterruptedException {
        if (vaultwarden && cloud) {
            throw new ParameterException(spec.commandLine(), "--cloud is Bitwarden's own cloud: not with --vaultwarden");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("--port " + port + " is not a port: give one from 1 to 65535.");
        }
        BitwardenSandbox sandbox = start(BitwardenSandbox.builder()
                .mode(vaultwarden ? ServerMode.VAULTWARDEN : ServerMode.OFFICIAL)
                .cloud(cloud)
                .port(port)
                .hook(new ImportLog()));
        System.out.println("bitwarden.url=" + sandbox.baseUrl());
        System.out.println("bitwarden.client-id=" + sandbox.clientId());
        System.out.println("bitwarden.client-secret=" + sandbox.clientSecret());
        System.out.flush();
        System.err.println("dirsync: the Bitwarden sandbox (" + describe() + ") listens on " + sandbox.baseUrl()
                + "; put the settings above in an instance's application.properties (or set each with 'dirsync"
                + " config KEY VALUE'). Stop with Ctrl-C or SIGTERM.");
        SignalStop.untilSignalled(() -> {
            sandbox.close();
            System.err.println("dirsync: the Bitwarden sandbox stopped.");
        });
        return 0;
    }

    private BitwardenSandbox start(BitwardenSandbox.Builder settings) {
        try {
            return settings.start();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw new ConfigurationException("--port " + port + ": 127.0.0.1:" + port
                        + " is in use; choose another port, or leave --port out for a free one.");
            }
            throw e;
        }
    }

    private String describe() {
        if (vaultwarden) {
            return "Vaultwarden";
        }
        return cloud ? "Bitwarden cloud" : "Bitwarden, self-hosted";
    }

    /** One line on stderr for each import applied, and for each import or token request refused. */
    private static final class ImportLog implements SandboxHook {

        @Override
        public void imported(ImportOutcome outcome) {
            LOG.info("Import: {}", outcome.describe());
        }

        @Override
        public void answered(ReceivedRequest request, Answer answer) {
            if (answer.status() != 200 && request.endpoint() != ReceivedRequest.Endpoint.UNKNOWN) {
                LOG.warn("Refused {} {}: {} {}", request.method(), request.path(), answer.status(), answer.body());
            }
        }
    }
}
