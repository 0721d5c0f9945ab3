package io.dirsync.observe;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of {@code dirsync run}: DOWN while the last scheduled run failed or was refused, naming why; UP after a
 * run that went through, removals held by a guard included (they show in {@code dirsync_held_removals}), and before
 * the first run (a standby that does not lead). Not a liveness check: a directory that is down is no reason to
 * restart the process.
 */
public class SyncHealthCheck extends AbstractHealthCheck {

    private final SyncObservations observations;

    public SyncHealthCheck(SyncObservations observations) {
        super("dirsync", "sync");
        this.observations = observations;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        var last = observations.last();
        if (last.isEmpty()) {
            builder.up().message("No scheduled run in this process yet");
            return;
        }
        RunOutcome outcome = last.get();
        builder.detail("result", outcome.result().label()).detail("finished", outcome.finished().toString());
        if (outcome.wentThroughOrHeld()) {
            builder.up();
        } else {
            String what = outcome.result() == RunOutcome.Result.REFUSED ? "A guard refused the last sync" : "The last sync failed";
            builder.down().message(what + ": " + outcome.cause());
        }
    }
}
