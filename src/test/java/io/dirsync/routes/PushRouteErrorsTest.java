package io.dirsync.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.DirsyncException;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.Snapshot;
import io.dirsync.sandbox.RecordedRequest;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.state.AppliedState;
import io.dirsync.sync.ChangeSet;
import io.dirsync.sync.DiffSettings;
import io.dirsync.sync.Differ;
import io.dirsync.sync.SyncTarget;
import io.dirsync.testing.FileTrees;
import io.dirsync.testing.TcpRelay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bundled push route against the Bitwarden sandbox, no mock in between: what it retries and what it does not.
 * The sandbox listens behind a relay that can stop listening, as a server that restarts does.
 */
class PushRouteErrorsTest extends CamelMainTestSupport {

    private static final TestSandbox SANDBOX = TestSandbox.builder().start();
    private static final TcpRelay RELAY = relay();
    /** Where the device identifier dirsync sends with its token requests is kept. */
    private static final Path STATE = stateFolder();

    private static Path stateFolder() {
        try {
            return Files.createTempDirectory("push-route-errors");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TcpRelay relay() {
        try {
            return TcpRelay.plain(Integer.parseInt(SANDBOX.baseUrl().replaceAll(".*:(\\d+).*", "$1")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopSandbox() {
        RELAY.close();
        SANDBOX.close();
        FileTrees.delete(STATE);
    }

    @AfterEach
    void clearFaults() {
        SANDBOX.clearFaults();
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.setRoutesIncludePattern("classpath:dirsync/routes/*.camel.yaml");
        configuration.setRoutesExcludePattern("**/schedule.camel.yaml");
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("bitwarden.url", "http://127.0.0.1:" + RELAY.port());
        properties.put("bitwarden.client-id", SANDBOX.clientId());
        properties.put("bitwarden.client-secret", SANDBOX.clientSecret());
        properties.put("bitwarden.retry-for", "20s");
        properties.put("state.dir", STATE.toString());
        return properties;
    }

    /** A change set inviting one person, as the differ makes it. */
    private static ChangeSet inviting(String uid) {
        Snapshot snapshot = new Snapshot(List.of(new DirectoryUser(uid, uid + "@push.example", false, false)), List.of(),
                List.of());
        String api = "http://127.0.0.1:" + RELAY.port() + "/api";
        AppliedState applied = AppliedState.empty(api, SANDBOX.orgId());
        return Differ.diff(snapshot, Optional.of(applied), new SyncTarget(api, SANDBOX.orgId(), null),
                new DiffSettings(false, false, true, true, Duration.ZERO, false), Instant.now());
    }

    private List<RecordedRequest> importsSince(int from) {
        List<RecordedRequest> all = SANDBOX.requests();
        return all.subList(from, all.size());
    }

    @Test
    void aLostConnectionIsRetriedUntilTheServerListensAgain() throws Exception {
        int before = SANDBOX.requests().size();
        RELAY.pause();
        Thread resume = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RELAY.resume();
        });
        long started = System.nanoTime();
        resume.start();

        template.sendBody("direct:push-bitwarden", inviting("ada"));

        resume.join();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        assertThat(importsSince(before)).extracting(RecordedRequest::status).containsExactly(200);
        assertThat(SANDBOX.member("ada@push.example")).isPresent();
    }

    @Test
    void aRejectedTokenIsRenewedOnceAndTheImportSentAgain() {
        int before = SANDBOX.requests().size();
        int tokens = SANDBOX.tokenRequests().size();
        SANDBOX.failNextWith401();

        template.sendBody("direct:push-bitwarden", inviting("bob"));

        assertThat(importsSince(before)).extracting(RecordedRequest::status).containsExactly(401, 200);
        assertThat(SANDBOX.tokenRequests().size() - tokens).as("the token dropped after the 401 is renewed")
                .isGreaterThanOrEqualTo(1);
        assertThat(importsSince(before).get(1).header("Authorization"))
                .isNotEqualTo(importsSince(before).get(0).header("Authorization"));
        assertThat(SANDBOX.member("bob@push.example")).isPresent();
    }

    @Test
    void aRequestTheServerRefusesFailsAtOnceWithItsMessage() {
        int before = SANDBOX.requests().size();
        SANDBOX.failNext(1, 400, null);
        long started = System.nanoTime();

        assertThatThrownBy(() -> template.sendBody("direct:push-bitwarden", inviting("cat")))
                .isInstanceOf(CamelExecutionException.class)
                .satisfies(e -> assertThat(DirsyncException.within(e)).get().satisfies(failure -> {
                    assertThat(failure.getMessage()).contains("400");
                    assertThat(failure.exitCode()).isEqualTo(1);
                }));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not retried").isLessThan(Duration.ofSeconds(2));
        assertThat(importsSince(before)).extracting(RecordedRequest::status).containsExactly(400);
        assertThat(SANDBOX.member("cat@push.example")).isEmpty();
    }
}
