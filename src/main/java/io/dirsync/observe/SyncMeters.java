package io.dirsync.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * dirsync's own meters, served by Prometheus next to Camel's and the JVM's (Micrometer's names, as Prometheus shows
 * them): {@code dirsync_sync_runs_total{result}}, {@code dirsync_sync_duration_seconds},
 * {@code dirsync_last_success_timestamp_seconds}, what the last run read ({@code dirsync_users_read},
 * {@code dirsync_groups_read}), what runs changed ({@code dirsync_members_invited_total},
 * {@code dirsync_members_removed_total}, {@code dirsync_groups_updated_total}) and what a guard holds
 * ({@code dirsync_held_removals{kind}}).
 */
public final class SyncMeters {

    private final Map<RunOutcome.Result, Counter> runs = new EnumMap<>(RunOutcome.Result.class);
    private final Timer duration;
    private final Counter invited;
    private final Counter removed;
    private final Counter groupsUpdated;
    private final AtomicLong lastSuccess = new AtomicLong();
    private final AtomicLong usersRead = new AtomicLong();
    private final AtomicLong groupsRead = new AtomicLong();
    private final AtomicLong heldMembers = new AtomicLong();
    private final AtomicLong heldMemberships = new AtomicLong();
    private final MeterRegistry registry;

    public SyncMeters(MeterRegistry registry) {
        this.registry = registry;
        for (RunOutcome.Result result : RunOutcome.Result.values()) {
            runs.put(result, Counter.builder("dirsync.sync.runs").tag("result", result.label())
                    .description("Scheduled runs by how they ended").register(registry));
        }
        duration = Timer.builder("dirsync.sync.duration").description("How long scheduled runs took")
                .register(registry);
        invited = Counter.builder("dirsync.members.invited").description("People invited").register(registry);
        removed = Counter.builder("dirsync.members.removed").description("Members removed").register(registry);
        groupsUpdated = Counter.builder("dirsync.groups.updated").description("Groups created, renamed or re-membered")
                .register(registry);
        Gauge.builder("dirsync.users.read", usersRead, AtomicLong::get)
                .description("Users the last run that went through read from the directory, those left out included").register(registry);
        Gauge.builder("dirsync.groups.read", groupsRead, AtomicLong::get)
                .description("Groups the last run that went through read from the directory, those left out included").register(registry);
        Gauge.builder("dirsync.held.removals", heldMembers, AtomicLong::get).tag("kind", "members")
                .description("Removals a guard holds until 'sync --allow-deletions'").register(registry);
        Gauge.builder("dirsync.held.removals", heldMemberships, AtomicLong::get).tag("kind", "memberships")
                .description("Removals a guard holds until 'sync --allow-deletions'").register(registry);
    }

    public void record(RunOutcome outcome) {
        runs.get(outcome.result()).increment();
        duration.record(outcome.took());
        RunOutcome.Counts counts = outcome.counts();
        if (counts == null) {
            return;
        }
        invited.increment(counts.invited());
        removed.increment(counts.removed());
        groupsUpdated.increment(counts.groupsUpdated());
        usersRead.set(counts.usersRead());
        groupsRead.set(counts.groupsRead());
        heldMembers.set(counts.heldMembers());
        heldMemberships.set(counts.heldMemberships());
        if (lastSuccess.getAndSet(outcome.finished().getEpochSecond()) == 0) {
            // from the first run that went through on: a process that never synced shows none, not 1970
            Gauge.builder("dirsync.last.success.timestamp", lastSuccess, AtomicLong::get).baseUnit("seconds")
                    .description("When a scheduled run last went through (held removals included)").register(registry);
        }
    }
}
