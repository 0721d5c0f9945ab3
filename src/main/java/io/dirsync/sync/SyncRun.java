package io.dirsync.sync;

import io.dirsync.model.ReadOptions;
import io.dirsync.state.AppliedState;
import java.time.Instant;
import java.util.Optional;

/**
 * One run of the sync route, as its first step ({@link RunLifecycle#start}) sets it up in the exchange property
 * {@link #PROPERTY}; the later steps take what they need from it.
 *
 * @param options what the caller asked for
 * @param started when the run started: the sync times it records
 * @param applied the state saved by the last run, if any
 * @param target  where this run pushes, and the fingerprint of the settings it reads with
 */
public record SyncRun(SyncOptions options, Instant started, Optional<AppliedState> applied, SyncTarget target) {

    public static final String PROPERTY = "dirsyncRun";

    /** The exchange property holding the run's plan once made, and after the guard the plan it pushes. */
    public static final String CHANGES = "dirsyncChanges";

    public boolean dryRun() {
        return options.dryRun();
    }

    /** What the source is asked to read for this run. */
    public ReadOptions readOptions() {
        return new ReadOptions(options.full(), false, target.settingsFingerprint());
    }
}
