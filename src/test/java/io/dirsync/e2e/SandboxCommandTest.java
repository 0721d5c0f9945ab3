package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.testing.ChildProcesses;
import io.dirsync.testing.CommandLineRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dirsync sandbox} as an admin uses it: started in a JVM of its own, its printed settings pasted into an
 * instance, a sync of a small directory against it, and a SIGTERM to stop it.
 */
class SandboxCommandTest {

    private static final String BASE = "dc=trial,dc=example";
    private static final Duration STARTUP = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private Process sandbox;

    @AfterEach
    void stop() throws InterruptedException {
        if (sandbox != null) {
            ChildProcesses.stop(sandbox);
        }
    }

    @Test
    void printsTheSettingsForAnInstanceLogsEachImportAndStopsCleanlyOnSigterm() throws Exception {
        Path out = temp.resolve("sandbox.out");
        Path err = temp.resolve("sandbox.err");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        sandbox = new ProcessBuilder(javaBin, "-XX:TieredStopAtLevel=1", "-cp", CommandLineRun.childClassPath(),
                "io.dirsync.cli.DirsyncCommand", "sandbox")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        await(STARTUP, () -> "the sandbox's settings; stderr:\n" + read(err), () -> read(out).lines().count() >= 3);

        Map<String, String> settings = new LinkedHashMap<>();
        read(out).lines().map(line -> line.split("=", 2)).forEach(pair -> settings.put(pair[0], pair[1]));
        assertThat(settings).containsOnlyKeys("bitwarden.url", "bitwarden.client-id", "bitwarden.client-secret");
        assertThat(settings.get("bitwarden.url")).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(settings.get("bitwarden.client-id")).matches("organization\\.[0-9a-f-]{36}");
        assertThat(settings.get("bitwarden.client-secret")).isNotBlank();

        Company company = new Company(BASE);
        try (MemoryDirectory directory = new MemoryDirectory(BASE, true)) {
            directory.add(company.entries());
            E2e.Instance instance = new E2e.Instance(Files.createDirectories(temp.resolve("instance")))
                    .with(directory.settings())
                    .with(company.searchSettings(BASE))
                    .with(settings);
            assertThat(instance.sync()).startsWith("Synced: 5 invited, 0 removed, 5 groups updated;");
        }
        await(Duration.ofSeconds(10), () -> "the import on stderr:\n" + read(err), () -> read(err)
                .contains("Import: 5 invited, 0 removed, 5 groups created, 0 groups changed; 6 members, 5 groups"));

        sandbox.destroy();
        assertThat(sandbox.waitFor(15, TimeUnit.SECONDS)).as("exits within 15 s of SIGTERM; stderr:\n%s", read(err))
                .isTrue();
        assertThat(sandbox.exitValue()).as("SIGTERM's exit status, as for 'dirsync run'").isEqualTo(143);
        assertThat(read(err)).contains("dirsync: the Bitwarden sandbox stopped.").doesNotContain("\tat ")
                .doesNotContain("Refused");
        assertThat(read(out).lines().toList()).as("stdout holds the settings only").hasSize(3);
    }

    @Test
    void aPortInUseIsOneLineNamingPortWithExitCodeTwo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            CommandLineRun run = CommandLineRun.of("sandbox", "--port", String.valueOf(port));

            assertThat(E2e.oneLineError(run, 2)).startsWith("dirsync: --port " + port + ":").contains("in use");
        }
    }

    @Test
    void answersHelp() {
        CommandLineRun run = CommandLineRun.of("sandbox", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).startsWith("Usage: dirsync sandbox").contains("--port=N", "--vaultwarden", "--cloud");
    }

    @Test
    void vaultwardenIsNeverTheCloud() {
        CommandLineRun run = CommandLineRun.of("sandbox", "--vaultwarden", "--cloud");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("--cloud is Bitwarden's own cloud: not with --vaultwarden");
        assertThat(run.stdout()).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
