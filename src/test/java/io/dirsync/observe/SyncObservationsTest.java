package io.dirsync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.SourceException;
import io.dirsync.StateException;
import io.dirsync.http.Retries;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.LeftOut;
import io.dirsync.model.Snapshot;
import io.dirsync.state.AppliedState;
import io.dirsync.sync.ChangeSet;
import io.dirsync.sync.DeletionGuard;
import io.dirsync.sync.DiffSettings;
import io.dirsync.sync.Differ;
import io.dirsync.sync.GuardRefusedException;
import io.dirsync.sync.MaxDeletions;
import io.dirsync.sync.SyncRun;
import io.dirsync.sync.SyncTarget;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads after scheduled runs: the readiness check's state and message, and the meters in the
 * Prometheus text a scrape gets.
 */
class SyncObservationsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:15:30Z");
    private static final SyncTarget TARGET = new SyncTarget("https://api", "org", "fp");
    private static final DiffSettings SETTINGS = new DiffSettings(false, false, true, true, Duration.ZERO, false);

    private final CamelContext camel = new DefaultCamelContext();
    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SyncObservations observations = new SyncObservations(Clock.fixed(NOW, ZoneOffset.UTC),
            new SyncMeters(prometheus));
    private final SyncHealthCheck health = new SyncHealthCheck(observations);

    @AfterEach
    void close() throws Exception {
        camel.close();
    }

    private static Snapshot directory(int users) {
        List<DirectoryUser> read = new ArrayList<>();
        IntStream.range(0, users).forEach(i -> read.add(new DirectoryUser("u" + i, "u" + i + "@ex.com", false, false)));
        Set<String> everyone = Set.copyOf(read.stream().map(DirectoryUser::externalId).toList());
        return new Snapshot(read, List.of(new DirectoryGroup("g", "All", everyone, Set.of())), List.of());
    }

    /** A run's exchange, begun three seconds before {@link #NOW} as the run's lifecycle records it. */
    private Exchange run() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(Retries.RUN_STARTED, NOW.minusSeconds(3));
        return exchange;
    }

    private Exchange ran(Snapshot read, ChangeSet changes) {
        Exchange exchange = run();
        exchange.setProperty(RunOutcome.Read.PROPERTY, RunOutcome.Read.of(read));
        exchange.setProperty(SyncRun.CHANGES, changes);
        return exchange;
    }

    private void succeeded(Snapshot read, ChangeSet changes) {
        Exchange exchange = ran(read, changes);
        observations.succeeded(RunOutcome.Read.of(read), changes, exchange);
    }

    private void failed(Throwable failure) {
        Exchange exchange = run();
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        observations.failed(exchange);
    }

    private HealthCheck.Result readiness() {
        health.setCamelContext(camel);
        return health.call();
    }

    private String scrape() {
        return prometheus.scrape();
    }

    @Test
    void aFirstSyncIsCountedUnderTheNamesOperatorsQuery() {
        Snapshot read = directory(5);
        succeeded(read, Differ.diff(read, Optional.empty(), TARGET, SETTINGS, NOW));

        assertThat(scrape()).contains("dirsync_sync_runs_total{result=\"success\"} 1.0",
                "dirsync_sync_runs_total{result=\"failed\"} 0.0", "dirsync_members_invited_total 5.0",
                "dirsync_members_removed_total 0.0", "dirsync_groups_updated_total 1.0", "dirsync_users_read 5.0",
                "dirsync_groups_read 1.0", "dirsync_held_removals{kind=\"members\"} 0.0",
                "dirsync_last_success_timestamp_seconds " + (double) NOW.getEpochSecond(),
                "dirsync_sync_duration_seconds_count 1", "dirsync_sync_duration_seconds_sum 3.0");
        assertThat(readiness().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void beforeAnyRunTheCheckIsUpAndNoLastSuccessIsShown() {
        assertThat(readiness().getState()).as("a standby that never led is ready").isEqualTo(HealthCheck.State.UP);
        assertThat(scrape()).contains("dirsync_sync_runs_total{result=\"success\"} 0.0")
                .doesNotContain("dirsync_last_success_timestamp_seconds");
    }

    @Test
    void aFailedRunIsDownNamingTheCauseUntilARunGoesThrough() {
        Snapshot read = directory(3);
        succeeded(read, Differ.diff(read, Optional.empty(), TARGET, SETTINGS, NOW));
        failed(new SourceException("Cannot connect to LDAP server ldap://dc1:389: Connection refused.", null));

        HealthCheck.Result down = readiness();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage().orElseThrow()).contains("The last sync failed: Cannot connect to LDAP server ldap://dc1:389");
        assertThat(health.isLiveness()).as("a directory that is down is no reason to restart").isFalse();
        assertThat(scrape()).contains("dirsync_sync_runs_total{result=\"failed\"} 1.0",
                "dirsync_sync_runs_total{result=\"success\"} 1.0", "dirsync_members_invited_total 3.0");

        AppliedState applied = Differ.diff(read, Optional.empty(), TARGET, SETTINGS, NOW).nextState();
        succeeded(read, Differ.diff(read, Optional.of(applied), TARGET, SETTINGS, NOW));
        assertThat(readiness().getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(scrape()).as("nothing new to invite").contains("dirsync_members_invited_total 3.0",
                "dirsync_sync_runs_total{result=\"success\"} 2.0");
    }

    @Test
    void removalsHeldByAGuardAreUpAndShownAsHeld() {
        Snapshot before = directory(20);
        AppliedState applied = Differ.diff(before, Optional.empty(), TARGET, SETTINGS, NOW).nextState();
        Snapshot after = directory(10);
        ChangeSet held = new DeletionGuard(MaxDeletions.parse("10%"))
                .check(Differ.diff(after, Optional.of(applied), TARGET, SETTINGS, NOW), false);

        succeeded(after, held);

        assertThat(readiness().getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(scrape()).contains("dirsync_sync_runs_total{result=\"held\"} 1.0",
                "dirsync_held_removals{kind=\"members\"} 10.0", "dirsync_members_removed_total 0.0",
                "dirsync_users_read 10.0");
    }

    @Test
    void aRefusedRunIsDownAndCountedAsRefused() {
        failed(new GuardRefusedException("The directory returned no users where 20 were synced."));

        assertThat(readiness().getMessage()).hasValue(
                "A guard refused the last sync: The directory returned no users where 20 were synced.");
        assertThat(scrape()).contains("dirsync_sync_runs_total{result=\"refused\"} 1.0");
    }

    @Test
    void usersReadCountThoseLeftOut() {
        Snapshot directory = directory(4);
        Snapshot read = new Snapshot(directory.users(), directory.groups(),
                List.of(new LeftOut(LeftOut.Kind.USER, "uid=nomail", "no email")));
        succeeded(read, Differ.diff(read, Optional.empty(), TARGET, SETTINGS, NOW));

        assertThat(scrape()).contains("dirsync_users_read 5.0", "dirsync_members_invited_total 4.0");
    }

    @Test
    void aSkippedTickIsNoRun() {
        failed(new StateException.LockHeld("Another sync of this instance is running."));

        assertThat(observations.last()).isEmpty();
        assertThat(scrape()).contains("dirsync_sync_runs_total{result=\"failed\"} 0.0");
    }
}
