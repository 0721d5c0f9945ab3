package io.dirsync.sync;

import io.dirsync.RepeatedWarnings;
import io.dirsync.bitwarden.BitwardenSettings;
import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.config.SettingsFingerprint;
import io.dirsync.http.Retries;
import io.dirsync.model.ReadOptions;
import io.dirsync.state.AppliedState;
import io.dirsync.state.CacheUpdate;
import io.dirsync.state.StateStore;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The steps of the sync route that begin and end a run: {@link #start} takes the instance's lock and sets up the
 * {@link SyncRun} (what was last pushed, and to where) and the source's {@link ReadOptions}; {@link #recordAttempt}
 * saves, before the first request, which entries the run is about to change, so that a run that fails half-way (or
 * is killed) leaves them marked unsure for the next one; {@link #commit} saves the change set's next state (and the
 * source's cache) once every request has succeeded; {@link #release} discards the cache of a run that did not commit and
 * lets the next run in, whatever happened (the route calls it in a doFinally around them all); {@link #stopped} says what is left when the process is stopped half-way.
 */
public class RunLifecycle extends ConfiguredStep<Settings> {

    private static final String LOCK = "dirsyncLock";

    public void start(Exchange exchange) {
        SyncOptions options = exchange.getProperty(SyncOptions.PROPERTY, SyncOptions.DEFAULT, SyncOptions.class);
        Settings settings = settings();
        BitwardenSettings bitwarden = BitwardenSettings.from(settings);
        StateStore store = StateStore.of(settings);
        exchange.setProperty(LOCK, store.lock());
        // the digest covers every source's selecting keys, not this step's: it is the instance's, taken once a run
        String fingerprint = SettingsFingerprint.of(Settings.of(getCamelContext()));
        SyncRun run = new SyncRun(options, Instant.now(), store.load(), new SyncTarget(bitwarden.apiUrl().toString(),
                bitwarden.organizationId(), fingerprint));
        exchange.setProperty(SyncRun.PROPERTY, run);
        exchange.setProperty(Retries.RUN_STARTED, run.started());
        exchange.setProperty(ReadOptions.PROPERTY, run.readOptions());
    }

    /** Records what the change set is about to change, before its first request; the body is kept. */
    public void recordAttempt(ChangeSet changes) {
        StateStore.of(settings()).saveAttempt(changes.inFlightState());
    }

    /**
     * Saves the change set's next state, then the source's cache as of this run's read if it keeps one
     * ({@link CacheUpdate}), and returns how the run ended.
     */
    public SyncResult commit(ChangeSet changes, @ExchangeProperty(CacheUpdate.PROPERTY) CacheUpdate cache) {
        StateStore.of(settings()).save(changes.nextState());
        if (cache != null) {
            cache.write();
        }
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
        CacheUpdate cache = exchange.getProperty(CacheUpdate.PROPERTY, CacheUpdate.class);
        if (cache != null) {
            // under the lock: the next run stages its own in the same place
            cache.discard();
            exchange.removeProperty(CacheUpdate.PROPERTY);
        }
        StateStore.Lock lock = exchange.getProperty(LOCK, StateStore.Lock.class);
        if (lock != null) {
            // a tick skipped because another run holds the lock has warned about nothing: only a run ends a run
            RepeatedWarnings.runEnded();
            lock.close();
            exchange.removeProperty(LOCK);
        }
    }

    @Override
    protected Settings settingsFrom(Settings settings) {
        return settings;
    }
}
