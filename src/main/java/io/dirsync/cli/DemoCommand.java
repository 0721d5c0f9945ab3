package io.dirsync.cli;

import io.dirsync.config.StateFolder;
import io.dirsync.demo.DemoDirectory;
import io.dirsync.sandbox.BitwardenSandbox;
import io.dirsync.sandbox.Group;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"See dirsync work, with nothing to set up: starts the built-in sample directory (an embedded LDAP"
                + " server, a few dozen people, nested groups) and the built-in Bitwarden sandbox, syncs, changes the"
                + " directory a little (a new hire, a leaver, a move between teams), and syncs again.",
                "Prints both sync summaries on stdout; the state lives in a temporary folder."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    InstanceOptions options;

    @Option(names = "--preview", description = "Only print what 'dirsync test --pretty' shows for the sample directory.")
    boolean preview;

    @Override
    public Integer call() throws IOException {
        Path state = Files.createTempDirectory("dirsync-demo");
        try (DemoDirectory directory = DemoDirectory.start();
             BitwardenSandbox bitwarden = BitwardenSandbox.builder().start()) {
            Map<String, String> settings = new HashMap<>(directory.settings());
            settings.put("bitwarden.url", bitwarden.baseUrl());
            settings.put("bitwarden.client-id", bitwarden.clientId());
            settings.put("bitwarden.client-secret", bitwarden.clientSecret());
            settings.put(StateFolder.STATE_DIR, state.toString());
            try (DirsyncRuntime runtime = DirsyncRuntime.start(DirsyncRuntime.Flow.SYNC, null, options.routesDir(), settings)) {
                if (preview) {
                    TestCommand.print(runtime, true);
                    return 0;
                }
                System.err.println("Sample directory at " + settings.get("ldap.url") + ", Bitwarden sandbox at "
                        + bitwarden.baseUrl() + " (an organization with one owner).");
                System.err.println("First sync:");
                System.out.println(runtime.request("direct:sync", String.class));
                System.err.println(organization(bitwarden));
                System.err.println("The directory changes: " + directory.applySampleChanges() + ". Second sync:");
                System.out.println(runtime.request("direct:sync", String.class));
                System.err.println(organization(bitwarden));
                System.err.println("A third sync with nothing changed:");
                System.out.println(runtime.request("direct:sync", String.class));
            }
        } finally {
            deleteTree(state);
        }
        return 0;
    }

    private static String organization(BitwardenSandbox bitwarden) {
        StringBuilder text = new StringBuilder("  Bitwarden now has ").append(bitwarden.members().size())
                .append(" members; groups:");
        bitwarden.groups().stream().sorted(Comparator.comparing(Group::name))
                .forEach(group -> text.append(' ').append(group.name()).append(" (").append(group.memberIds().size()).append(')'));
        return text.toString();
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
