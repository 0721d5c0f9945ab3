package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.await;
import static io.dirsync.e2e.E2e.linkedMembers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.ChildProcesses;
import io.dirsync.testing.CommandLineRun;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code dirsync run} pods of one instance ({@code cluster.type=kubernetes}) electing their leader through a
 * Lease on fabric8's Kubernetes API fake: one syncs, the other stands by (ready all the same), and takes over within
 * the Lease's time once the leader stops.
 */
class KubernetesLeaderElectionTest {

    private static final String BASE = "dc=leases,dc=example";
    private static final String NAMESPACE = "dirsync-test";
    /** Camel's Kubernetes cluster service holds a Lease 15 s and retries every 2 s (jittered); a tick is 2 s. */
    private static final Duration TAKEOVER = Duration.ofSeconds(15 + 10);
    private static final Duration TICKS = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private MemoryDirectory directory;
    private TestSandbox sandbox;
    private KubernetesMockServer kubernetes;
    private KubernetesClient client;
    private final List<Process> pods = new java.util.ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // the fake's request log would bury the test's own output
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        directory = new MemoryDirectory(BASE, true);
        sandbox = TestSandbox.builder().start();
        kubernetes = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        kubernetes.init(InetAddress.getLoopbackAddress(), 0);
        client = kubernetes.createClient();
    }

    @AfterEach
    void stop() throws InterruptedException {
        pods.forEach(ChildProcesses::stop);
        client.close();
        kubernetes.destroy();
        sandbox.close();
        directory.close();
    }

    /** A pod: the Pod object Kubernetes would list, and 'dirsync run' in a JVM named as the pod (HOSTNAME). */
    private Process startPod(String name, Path instanceDir, int managementPort, Path log) throws IOException {
        client.pods().inNamespace(NAMESPACE).resource(pod(name, true)).create();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(javaBin, "-XX:TieredStopAtLevel=1",
                "-Dkubernetes.master=" + client.getMasterUrl(), "-Dkubernetes.namespace=" + NAMESPACE,
                "-Dkubernetes.auth.tryKubeConfig=false", "-Dkubernetes.auth.tryServiceAccount=false",
                "-cp", CommandLineRun.childClassPath(), "io.dirsync.cli.DirsyncCommand", "run", "--config",
                instanceDir.toString())
                .directory(temp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("HOSTNAME", name);
        builder.environment().put("CAMEL_MANAGEMENT_PORT", Integer.toString(managementPort));
        Process pod = builder.start();
        pods.add(pod);
        return pod;
    }

    /** What a process that does not stop is waiting for: its threads, as jstack prints them. */
    private static String threads(Process process) throws IOException, InterruptedException {
        Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                Long.toString(process.pid())).redirectErrorStream(true).start();
        String dump = new String(jstack.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jstack.waitFor(30, TimeUnit.SECONDS);
        return dump;
    }

    /** Camel counts as candidates the pods that run and are ready. */
    private static Pod pod(String name, boolean ready) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addNewContainerStatus().withName("dirsync").withReady(ready).endContainerStatus().endStatus()
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int reads(Path log) {
        Matcher matcher = Pattern.compile("INFO  Read ").matcher(read(log));
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }

    private String holder() {
        Lease lease = client.leases().inNamespace(NAMESPACE).withName("dirsync-dirsync").get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static int status(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void onePodSyncsTheOtherStandsByAndTakesOverWithinTheLeaseTime() throws Exception {
        Company company = new Company(BASE);
        directory.add(company.entries());
        Path instanceDir = Files.createDirectories(temp.resolve("instance"));
        new E2e.Instance(instanceDir)
                .with(directory.settings())
                .with(company.searchSettings(BASE))
                .with(E2e.bitwarden(sandbox))
                .set("sync.cron", "0/2 * * * * ?")
                .set("cluster.type", "kubernetes")
                .write();
        Path logA = temp.resolve("dirsync-a.log");
        Path logB = temp.resolve("dirsync-b.log");
        int portB = freePort();

        Process a = startPod("dirsync-a", instanceDir, freePort(), logA);
        await(TICKS, () -> "dirsync-a's first sync; its log:\n" + read(logA),
                () -> linkedMembers(sandbox).equals(company.usersBefore()));
        assertThat(holder()).as("the Lease's holder").isEqualTo("dirsync-a");

        startPod("dirsync-b", instanceDir, portB, logB);
        int readsBefore = reads(logA);
        await(TICKS, () -> "three more syncs by the leader; its log:\n" + read(logA), () -> reads(logA) >= readsBefore + 3);
        await(TICKS, () -> "dirsync-b up; its log:\n" + read(logB), () -> read(logB).contains("Syncing on the cron"));
        assertThat(read(logB)).as("the standby never began a run; its log:\n%s", read(logB))
                .doesNotContain("INFO  Read ").doesNotContain("Skipped this tick");
        assertThat(status(portB, "/observe/health/ready")).as("the standby is ready").isEqualTo(200);
        assertThat(holder()).isEqualTo("dirsync-a");

        // the leader stops; its pod goes away; the standby takes over and syncs what changed since
        long signalled = System.nanoTime();
        a.destroy();
        boolean stoppedInTime = a.waitFor(15, TimeUnit.SECONDS);
        assertThat(stoppedInTime).as("dirsync-a stops on SIGTERM; its log:\n%s\nits threads:\n%s", read(logA),
                stoppedInTime ? "" : threads(a)).isTrue();
        long stopped = System.nanoTime();
        System.err.println("KubernetesLeaderElectionTest: dirsync-a stopped " + Duration.ofNanos(stopped - signalled).toMillis()
                + " ms after SIGTERM");
        client.pods().inNamespace(NAMESPACE).withName("dirsync-a").delete();
        company.hire(directory.server(), "gus");
        Map<String, String> withGus = new TreeMap<>(company.usersBefore());
        withGus.put(company.userDn("gus"), Company.email("gus"));
        await(TAKEOVER, () -> "dirsync-b taking over; its log:\n" + read(logB), () -> reads(logB) >= 1);
        System.err.println("KubernetesLeaderElectionTest: dirsync-b read the directory "
                + Duration.ofNanos(System.nanoTime() - stopped).toMillis() + " ms after dirsync-a stopped");
        await(TICKS, () -> "gus, synced by dirsync-b; its log:\n" + read(logB), () -> linkedMembers(sandbox).equals(withGus));
        assertThat(holder()).isEqualTo("dirsync-b");
        assertThat(read(logA) + read(logB)).doesNotContain("Sync failed");
    }

    @Test
    void aLeaderThatIsNotReadyLeavesTheLeadToAReadyStandby() throws Exception {
        Company company = new Company(BASE);
        directory.add(company.entries());
        Path instanceDir = Files.createDirectories(temp.resolve("instance"));
        new E2e.Instance(instanceDir)
                .with(directory.settings())
                .with(company.searchSettings(BASE))
                .with(E2e.bitwarden(sandbox))
                .set("sync.cron", "0/2 * * * * ?")
                .set("cluster.type", "kubernetes")
                .write();
        Path logA = temp.resolve("dirsync-a.log");
        Path logB = temp.resolve("dirsync-b.log");
        startPod("dirsync-a", instanceDir, freePort(), logA);
        await(TICKS, () -> "dirsync-a's first sync; its log:\n" + read(logA),
                () -> linkedMembers(sandbox).equals(company.usersBefore()));
        startPod("dirsync-b", instanceDir, freePort(), logB);
        await(TICKS, () -> "dirsync-b up; its log:\n" + read(logB), () -> read(logB).contains("Syncing on the cron"));

        // what the kubelet does when dirsync-a's readiness probe fails (its last sync failed)
        client.pods().inNamespace(NAMESPACE).withName("dirsync-a").updateStatus(pod("dirsync-a", false));

        await(TAKEOVER, () -> "dirsync-b leading; its log:\n" + read(logB), () -> reads(logB) >= 1);
        assertThat(holder()).isEqualTo("dirsync-b");
        int readsOfA = reads(logA);
        await(TICKS, () -> "two syncs by dirsync-b", () -> reads(logB) >= 3);
        assertThat(reads(logA)).as("dirsync-a stopped syncing once it lost the lead; its log:\n%s", read(logA))
                .isLessThanOrEqualTo(readsOfA + 1);
    }
}
