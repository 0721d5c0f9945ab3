package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.await;
import static io.dirsync.e2e.E2e.groupMembers;
import static io.dirsync.e2e.E2e.linkedMembers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what systemd, Kubernetes and Ctrl-C's cousins send) while a push waits to retry: the process is gone
 * within 5 s, says that it stopped, what the state records and that the next run finishes the rest; and the next
 * plain {@code sync} does.
 */
class StopWhileRetryingTest {

    private static final String BASE = "dc=stop,dc=example";
    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(5);

    @TempDir
    Path temp;

    private MemoryDirectory directory;
    private TestSandbox sandbox;
    private Process process;
    private Path log;

    @BeforeEach
    void start() throws Exception {
        directory = new MemoryDirectory(BASE, true);
        sandbox = TestSandbox.builder().start();
        log = temp.resolve("dirsync.log");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        sandbox.close();
        directory.close();
    }

    private Process dirsync(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", CommandLineRun.childClassPath(), "io.dirsync.cli.DirsyncCommand"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
    }

    private String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void assertStoppedWithinFiveSecondsSayingWhatIsLeft() throws InterruptedException {
        // the server asks for a minute between attempts: the process is in that wait now
        await(Duration.ofSeconds(30), () -> "a retried push; log:\n" + log(), () -> log().contains("Retrying in 60000 ms"));
        long stopping = System.nanoTime();

        process.destroy();

        assertThat(process.waitFor(STOPPED_WITHIN.toMillis(), TimeUnit.MILLISECONDS))
                .as("gone within 5 s of SIGTERM; log:\n%s", log()).isTrue();
        System.err.println("StopWhileRetryingTest: gone " + Duration.ofNanos(System.nanoTime() - stopping).toMillis()
                + " ms after SIGTERM, exit code " + process.exitValue());
        List<String> said = log().lines().filter(line -> line.contains("Stopped (SIGTERM or Ctrl-C)")).toList();
        assertThat(said).as("log:\n%s", log()).hasSize(1);
        assertThat(said.get(0)).contains("the state records 5 members and 5 groups")
                .contains("the next sync finishes");
        assertThat(log()).as("nothing retried after the signal").containsOnlyOnce("Retrying in");
    }

    @Test
    void syncStoppedWhileWaitingToRetryIsGoneAtOnceAndTheNextSyncFinishesIt() throws Exception {
        Company company = new Company(BASE);
        directory.add(company.entries());
        E2e.Instance instance = new E2e.Instance(temp.resolve("instance")).with(directory.settings())
                .with(company.searchSettings(BASE)).with(E2e.bitwarden(sandbox));
        Files.createDirectories(instance.dir);
        instance.write();
        sandbox.failNext(1_000, 429, "60");

        process = dirsync("sync", "--config", instance.dir.toString());

        assertStoppedWithinFiveSecondsSayingWhatIsLeft();
        sandbox.clearFaults();
        assertThat(instance.sync()).startsWith("Synced: 5 invited, 0 removed, 5 groups updated;");
        assertThat(linkedMembers(sandbox)).isEqualTo(company.usersBefore());
        assertThat(groupMembers(sandbox)).isEqualTo(company.groupsBefore());
    }

    @Test
    void runStoppedWhileWaitingToRetryIsGoneAtOnce() throws Exception {
        Company company = new Company(BASE);
        directory.add(company.entries());
        E2e.Instance instance = new E2e.Instance(temp.resolve("instance")).with(directory.settings())
                .with(company.searchSettings(BASE)).with(E2e.bitwarden(sandbox)).set("sync.cron", "0/2 * * * * ?");
        Files.createDirectories(instance.dir);
        instance.write();
        sandbox.failNext(1_000, 429, "60");

        process = dirsync("run", "--config", instance.dir.toString());

        assertStoppedWithinFiveSecondsSayingWhatIsLeft();
    }
}
