package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.groupMembers;
import static io.dirsync.e2e.E2e.linkedMembers;
import static io.dirsync.e2e.E2e.oneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPException;
import io.dirsync.sandbox.RecordedRequest;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import io.dirsync.testing.TcpRelay;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code dirsync sync} meets a Bitwarden address that is wrong or not there: what can never heal fails within
 * seconds with one line saying which; what may heal (a restart) is waited for; TLS is verified, with
 * {@code bitwarden.ca-file} for a private CA.
 */
class BitwardenConnectionTest {

    private static final String BASE = "dc=connection,dc=example";

    @TempDir
    Path temp;

    private MemoryDirectory directory;
    private TestSandbox sandbox;
    private Company company;

    @BeforeEach
    void start() throws LDAPException {
        directory = new MemoryDirectory(BASE, true);
        sandbox = TestSandbox.builder().start();
        company = new Company(BASE);
        directory.add(company.entries());
    }

    @AfterEach
    void stop() {
        sandbox.clearFaults();
        sandbox.close();
        directory.close();
    }

    /** An instance with the default bitwarden.retry-for (10 minutes) unless a test sets it. */
    private E2e.Instance instance() {
        return new E2e.Instance(temp).with(directory.settings()).with(company.searchSettings(BASE)).with(E2e.bitwarden(sandbox));
    }

    private int sandboxPort() {
        return URI.create(sandbox.baseUrl()).getPort();
    }

    private static Duration timed(Runnable run) {
        long start = System.nanoTime();
        run.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void anAddressWithAPortButNoSchemeIsAConfigurationErrorNamingTheKey() {
        E2e.Instance instance = instance().set("bitwarden.url", "127.0.0.1:" + sandboxPort());
        CommandLineRun[] run = new CommandLineRun[1];

        Duration took = timed(() -> run[0] = instance.run("sync"));

        assertThat(oneLineError(run[0], 2)).contains("bitwarden.url=127.0.0.1:" + sandboxPort())
                .contains("https://127.0.0.1:" + sandboxPort());
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(sandbox.tokenRequests()).isEmpty();
        instance.assertNothingApplied();
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedUnlessAllowed() {
        E2e.Instance instance = instance().set("bitwarden.url", "http://vault.example.com");

        assertThat(oneLineError(instance.run("sync"), 2)).contains("bitwarden.url=http://vault.example.com")
                .contains("bitwarden.allow-http=true");
    }

    @Test
    void httpsToAPlainHttpPortFailsAtOnceSayingSo() {
        E2e.Instance instance = instance().set("bitwarden.url", "https://127.0.0.1:" + sandboxPort());
        CommandLineRun[] run = new CommandLineRun[1];

        Duration took = timed(() -> run[0] = instance.run("sync"));

        assertThat(oneLineError(run[0], 1)).contains("https://127.0.0.1:" + sandboxPort())
                .contains("did not answer the TLS handshake (a plain-HTTP port?)").contains("bitwarden.url");
        assertThat(took).isLessThan(Duration.ofSeconds(20));
        instance.assertNothingApplied();
    }

    @Test
    void httpsToAPlainHttpServerThatAnswersAtOnceFailsAtOnce() throws Exception {
        // what nginx and most plain-HTTP servers do with a TLS ClientHello: a 400 in clear, then close
        try (ServerSocket plain = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                while (!plain.isClosed()) {
                    try (Socket client = plain.accept()) {
                        client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            E2e.Instance instance = instance().set("bitwarden.url", "https://127.0.0.1:" + plain.getLocalPort());
            CommandLineRun[] run = new CommandLineRun[1];

            Duration took = timed(() -> run[0] = instance.run("sync"));

            assertThat(oneLineError(run[0], 1)).contains("does not speak TLS (plain HTTP?)").contains("bitwarden.url");
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void nothingListeningFailsWithinFortyFiveSecondsDespiteTheTenMinuteRetryFor() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        E2e.Instance instance = instance().set("bitwarden.url", "http://127.0.0.1:" + closedPort);
        CommandLineRun[] run = new CommandLineRun[1];

        Duration took = timed(() -> run[0] = instance.run("sync"));

        assertThat(oneLineError(run[0], 1)).contains("127.0.0.1:" + closedPort).contains("bitwarden.url")
                .contains("Nothing answered there since this run began");
        assertThat(took).isLessThan(Duration.ofSeconds(45));
        instance.assertNothingApplied();
    }

    @Test
    void aServerRestartedInTheMiddleOfAPushIsWaitedForBeyondThatLimit() throws Exception {
        try (TcpRelay relay = TcpRelay.plain(sandboxPort())) {
            E2e.Instance instance = instance().set("bitwarden.url", "http://127.0.0.1:" + relay.port());
            // the server answers the first import (503), then is gone for 20 s: longer than a server that never
            // answered is waited for, well within bitwarden.retry-for
            sandbox.failNext(1, 503, null);
            CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
                E2e.await(Duration.ofSeconds(30), "the first import", () -> !sandbox.requests().isEmpty());
                relay.pause();
                sleep(Duration.ofSeconds(20));
                relay.resume();
            });

            String summary = instance.sync();

            restart.get(5, TimeUnit.SECONDS);
            assertThat(summary).startsWith("Synced: 5 invited, 0 removed, 5 groups updated;");
            assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsExactly(503, 200);
            assertThat(linkedMembers(sandbox)).isEqualTo(company.usersBefore());
            assertThat(groupMembers(sandbox)).isEqualTo(company.groupsBefore());
        }
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpWithinRetryForAndOneRequestTimeout() {
        sandbox.delay(Duration.ofMinutes(1));
        E2e.Instance instance = instance().set("bitwarden.request-timeout", "3s").set("bitwarden.retry-for", "8s");
        CommandLineRun[] run = new CommandLineRun[1];

        Duration took = timed(() -> run[0] = instance.run("sync"));

        assertThat(oneLineError(run[0], 1)).contains("no answer within bitwarden.request-timeout")
                .contains("bitwarden.retry-for");
        assertThat(took).as("two 3 s attempts at least; at most 8 s of retries, the last attempt's 3 s and the run around them")
                .isBetween(Duration.ofSeconds(6), Duration.ofSeconds(8 + 3 + 4));
    }

    @Test
    void aRetryAfterLongerThanRetryForSaysWhatTheServerAskedFor() {
        sandbox.failNext(1, 429, "600");
        E2e.Instance instance = instance().set("bitwarden.retry-for", "1m");

        String error = oneLineError(instance.run("sync"), 1);

        assertThat(error).contains("429").contains("The server asked to wait 600 s")
                .contains("bitwarden.retry-for (60 s)");
        assertThat(sandbox.requests()).hasSize(1);
    }

    @Test
    void tlsIsVerifiedWithTheCaFileForAServerBehindAPrivateCa() throws Exception {
        try (TcpRelay tls = TcpRelay.tls(sandboxPort(), temp.resolve("tls"), List.of("IP:127.0.0.1"));
             TcpRelay otherName = TcpRelay.tls(sandboxPort(), temp.resolve("tls-other"), List.of("DNS:vault.example.com"))) {
            E2e.Instance instance = instance().set("bitwarden.url", "https://127.0.0.1:" + tls.port());

            String unverified = oneLineError(instance.run("sync"), 1);

            assertThat(unverified).contains("certificate does not verify").contains("bitwarden.ca-file");
            assertThat(sandbox.tokenRequests()).isEmpty();

            instance.set("bitwarden.url", "https://127.0.0.1:" + otherName.port()).set("bitwarden.ca-file",
                    otherName.caFile().toString());
            assertThat(oneLineError(instance.run("sync"), 1)).contains("not for that host name");
            assertThat(sandbox.tokenRequests()).isEmpty();

            String summary = instance.set("bitwarden.url", "https://127.0.0.1:" + tls.port())
                    .set("bitwarden.ca-file", tls.caFile().toString()).sync();

            assertThat(summary).startsWith("Synced: 5 invited, 0 removed, 5 groups updated;");
            assertThat(linkedMembers(sandbox)).isEqualTo(company.usersBefore());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
