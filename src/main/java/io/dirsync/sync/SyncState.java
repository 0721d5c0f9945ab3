package io.dirsync.sync;

import io.dirsync.bitwarden.BitwardenSettings;
import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * Steps of the sync route around the applied state: {@link #lock} holds the instance's lock and puts what
 * was last pushed (and to where) on the exchange; {@link #recordAttempt} saves, before the first request, which
 * entries the run is about to change, so that a run that fails half-way (or is killed) leaves them marked unsure
 * for the next one; {@link #commit} saves the change set's next state once every request has succeeded;
 * {@link #release} lets the next run in, whatever happened (the route calls it in a doFinally around them all);
 * {@link #stopped} says what is left when the process is stopped half-way.
 */
public class SyncState extends ConfiguredStep<Settings> {

    /** Exchange properties the sync route passes between its steps. */
    public static final String APPLIED = "dirsyncApplied";
    public static final String TARGET = "dirsyncTarget";
    public static final String STARTED = "dirsyncStarted";
    /** A run's options ('sync --full', '--dry-run', '--allow-deletions'); false when the caller sets none. */
    public static final List<String> FLAGS = List.of("dirsyncFull", "dirsyncDryRun", "dirsyncAllowDeletions");
    private static final String LOCK = "dirsyncLock";

    public void lock(Exchange exchange) {
        FLAGS.forEach(flag -> exchange.setProperty(flag, exchange.getProperty(flag, false, Boolean.class)));
        Settings settings = settings();
        BitwardenSettings bitwarden = BitwardenSettings.from(settings);
        StateStore store = StateStore.of(settings);
        exchange.setProperty(LOCK, store.lock());
        exchange.setProperty(STARTED, Instant.now());
        exchange.setProperty(APPLIED, store.load());
        exchange.setProperty(TARGET, new SyncTarget(bitwarden.apiUrl().toString(), bitwarden.organizationId(),
                SettingsFingerprint.of(settings)));
    }

    /** Saves the applied state with what the change set is about to change marked unsure; the body is kept. */
    public void recordAttempt(ChangeSet changes) {
        StateStore.of(settings()).save(changes.inFlightState());
    }

    /** Saves the change set's next state and returns how the run ended. */
    public SyncResult commit(ChangeSet changes) {
        StateStore.of(settings()).save(changes.nextState());
        return SyncResult.of(changes);
    }

    /**
     * Step of the sync route when Camel stops while the push waits to retry (SIGTERM, Ctrl-C): says what the
     * state records for the next run, which {@link #recordAttempt} saved before the first request.
     */
    public void stopped() {
        throw new SyncStoppedException(StateStore.of(settings()).load().map(AppliedState::unsure)
                .orElse(AppliedState.Unsure.NONE));
    }

    public void release(Exchange exchange) {
        StateStore.Lock lock = exchange.getProperty(LOCK, StateStore.Lock.class);
        if (lock != null) {
            lock.close();
            exchange.removeProperty(LOCK);
        }
    }

    @Override
    protected Settings settingsFrom(Settings settings) {
        return settings;
    }
}
