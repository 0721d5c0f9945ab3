package io.dirsync.observe;

import io.dirsync.DirsyncException;
import io.dirsync.Messages;
import io.dirsync.StateException;
import io.dirsync.model.LeftOut;
import io.dirsync.model.Snapshot;
import io.dirsync.sync.ChangeSet;
import io.dirsync.sync.GuardRefusedException;
import io.dirsync.sync.SyncStoppedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * How one scheduled run ended, as health and meters report it.
 *
 * @param cause  why a run failed or was refused, one line; null when it went through
 * @param counts what a run that went through read and changed; null when it failed or was refused
 */
public record RunOutcome(Result result, Instant finished, Duration took, String cause, Counts counts) {

    public enum Result {
        /** Everything the directory asked for was applied. */
        SUCCESS,
        /** Additions were applied, removals held back by a guard until {@code sync --allow-deletions}. */
        HELD,
        /** A guard sent nothing (settings changed, an empty read, too many removals on an overwrite run). */
        REFUSED,
        /** The directory, Bitwarden or the state could not be read or written. */
        FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param usersRead      users the directory returned, those normalization left out included
     * @param groupsRead     groups the directory returned, likewise
     * @param invited        people invited (the server's existing members it only links are not counted)
     * @param removed        members removed, the server's own removals of an overwrite run included
     * @param heldMembers    member removals a guard is holding back
     * @param heldMemberships membership removals a guard is holding back
     */
    public record Counts(int usersRead, int groupsRead, int invited, int removed, int groupsUpdated, int heldMembers,
            int heldMemberships) {

        public static Counts of(Read read, ChangeSet changes) {
            return new Counts(read.users(), read.groups(), changes.newlyInvited(),
                    changes.removals(), changes.groupsUpdated().size(), changes.held().members().size(),
                    changes.held().memberships());
        }
    }

    /**
     * What the directory returned, counted as the read arrives: the sync route keeps these two numbers for the
     * outcome, not the snapshot, which a million users would keep alive through the push.
     *
     * @param users  users the directory returned, those normalization left out included
     * @param groups groups the directory returned, likewise
     */
    public record Read(int users, int groups) {

        /** The exchange property the sync route keeps them in. */
        public static final String PROPERTY = "dirsyncReadCounts";

        public static Read of(Snapshot snapshot) {
            return new Read(snapshot.users().size() + leftOut(snapshot, LeftOut.Kind.USER),
                    snapshot.groups().size() + leftOut(snapshot, LeftOut.Kind.GROUP));
        }

        private static int leftOut(Snapshot snapshot, LeftOut.Kind kind) {
            return (int) snapshot.leftOut().stream().filter(entry -> entry.kind() == kind).count();
        }
    }

    public static RunOutcome wentThrough(Read read, ChangeSet changes, Instant started, Instant finished) {
        return new RunOutcome(changes.held().isEmpty() ? Result.SUCCESS : Result.HELD, finished,
                Duration.between(started, finished), null, Counts.of(read, changes));
    }

    /**
     * The outcome of a run that threw {@code failure}; empty when it was no run: a tick skipped because another run
     * holds the instance's lock, or a run cut short because the process is stopping.
     */
    public static Optional<RunOutcome> failed(Throwable failure, Instant started, Instant finished) {
        DirsyncException dirsync = DirsyncException.within(failure).orElse(null);
        if (failure instanceof SyncStoppedException || dirsync instanceof StateException.LockHeld) {
            return Optional.empty();
        }
        Result result = dirsync instanceof GuardRefusedException ? Result.REFUSED : Result.FAILED;
        return Optional.of(new RunOutcome(result, finished, Duration.between(started, finished), cause(failure), null));
    }

    /** What the operator is told a failure was: dirsync's own message, or the unexpected error itself. */
    public static String cause(Throwable failure) {
        return DirsyncException.within(failure).map(Throwable::getMessage)
                .orElseGet(() -> "unexpected error: " + Messages.oneLine(String.valueOf(failure)));
    }

    public boolean wentThroughOrHeld() {
        return result == Result.SUCCESS || result == Result.HELD;
    }
}
