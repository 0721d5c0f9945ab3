package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.await;
import static io.dirsync.e2e.E2e.linkedMembers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.ChildProcesses;
import io.dirsync.testing.CommandLineRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator's probes and Prometheus see of {@code dirsync run} with {@code camel.management.port} set: its
 * own JVM, a good sync, then the directory going down.
 */
class ManagementEndpointsTest {

    private static final String BASE = "dc=observed,dc=example";
    private static final Duration TICKS = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

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
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            ChildProcesses.stop(process);
        }
        sandbox.close();
        directory.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Answer(int status, String body) {
    }

    private static Answer get(int port, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of one sample of the Prometheus text, e.g. {@code dirsync_sync_runs_total{result="failed"}}. */
    private static double sample(String metrics, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    private String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Test
    void healthIsUpAfterAGoodSyncAndDownOnceTheDirectoryIsGoneAndMetricsCountBoth() throws Exception {
        Company company = new Company(BASE);
        directory.add(company.entries());
        Path instanceDir = Files.createDirectories(temp.resolve("instance"));
        log = temp.resolve("run.log");
        int port = freePort();
        new E2e.Instance(instanceDir)
                .with(directory.settings())
                .with(company.searchSettings(BASE))
                .with(E2e.bitwarden(sandbox))
                .set("sync.cron", "0/2 * * * * ?")
                .set("camel.management.port", Integer.toString(port))
                .write();

        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(javaBin, "-XX:TieredStopAtLevel=1", "-cp", CommandLineRun.childClassPath(),
                "io.dirsync.cli.DirsyncCommand", "run", "--config", instanceDir.toString())
                .directory(temp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();

        // a good sync: ready, and the meters say what it did
        await(TICKS, () -> "the first sync; log:\n" + log(), () -> linkedMembers(sandbox).equals(company.usersBefore()));
        await(TICKS, () -> "a success in the metrics; log:\n" + log(), () ->
                sample(get(port, "/observe/metrics").body(), "dirsync_sync_runs_total{result=\"success\"}") >= 1);
        Answer health = get(port, "/observe/health");
        assertThat(health.status()).as("/observe/health after a good sync: %s", health.body()).isEqualTo(200);
        assertThat(E2e.JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
        String metrics = get(port, "/observe/metrics").body();
        double lastSuccess = sample(metrics, "dirsync_last_success_timestamp_seconds");
        assertThat(Instant.now().getEpochSecond() - lastSuccess).as("last success, seconds ago").isBetween(0.0, 30.0);
        assertThat(sample(metrics, "dirsync_members_invited_total")).as("the people invited; metrics:\n%s\nlog:\n%s", metrics, log())
                .isEqualTo(company.usersBefore().size());
        assertThat(sample(metrics, "dirsync_users_read")).isEqualTo(company.usersBefore().size());
        assertThat(metrics).as("Camel's and the JVM's meters beside dirsync's")
                .contains("camel_exchanges_total{", "jvm_memory_used_bytes{");

        // Bitwarden answers 503 once: the push is sent again, and counted
        sandbox.failNext(1, 503, null);
        company.hire(directory.server(), "gus");
        await(TICKS, () -> "a retried push in the metrics; log:\n" + log(), () ->
                sample(get(port, "/observe/metrics").body(), "dirsync_http_retries_total{target=\"bitwarden\"}") >= 1);
        await(TICKS, () -> "gus invited; log:\n" + log(), () -> sample(get(port, "/observe/metrics").body(),
                "dirsync_members_invited_total") == company.usersBefore().size() + 1);

        // the directory goes down: not ready, saying why, and counted; alive all the same
        directory.server().shutDown(true);
        await(TICKS, () -> "a failed run in the metrics; log:\n" + log(), () ->
                sample(get(port, "/observe/metrics").body(), "dirsync_sync_runs_total{result=\"failed\"}") >= 1);
        Answer down = get(port, "/observe/health");
        assertThat(down.status()).as("/observe/health once a run failed: %s", down.body()).isEqualTo(503);
        JsonNode check = E2e.JSON.readTree(down.body()).get("checks").get(0);
        assertThat(check.get("name").asText()).isEqualTo("sync");
        assertThat(check.get("message").asText()).startsWith("The last sync failed: Cannot connect to LDAP server");
        assertThat(get(port, "/observe/health/ready").status()).isEqualTo(503);
        Answer live = get(port, "/observe/health/live");
        assertThat(live.status()).as("liveness does not follow the directory: %s", live.body()).isEqualTo(200);
        assertThat(process.isAlive()).isTrue();
    }

    @Test
    void runRefusesAPortInUseNamingTheKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            E2e.Instance instance = new E2e.Instance(Files.createDirectories(temp.resolve("instance")))
                    .with(directory.settings())
                    .with(E2e.bitwarden(sandbox))
                    .set("camel.management.port", Integer.toString(taken.getLocalPort()));

            String error = E2e.oneLineError(instance.run("run"), 2);

            assertThat(error).isEqualTo("dirsync: Invalid setting camel.management.port=" + taken.getLocalPort()
                    + ": 127.0.0.1:" + taken.getLocalPort() + " is in use or not an address of this machine (Address"
                    + " already in use). Choose a free port, or remove camel.management.port to serve no endpoints.");
        }
    }
}
