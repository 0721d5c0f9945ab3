package io.dirsync.sync;

import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route step "guard": stops a run whose plan would lose more than the operator expects, before anything is
 * sent. Unless deletions are allowed ({@code sync --allow-deletions}) it refuses
 * <ul>
 * <li>more removals than {@code sync.max-deletions} (a number, or a percentage of the members last applied,
 * rounded up; default 10%);</li>
 * <li>a read that returned no users while members were applied before, or no groups while groups were (each
 * when that kind is synced): an empty directory is far more often a broken filter or bind than a real one.</li>
 * </ul>
 * A refusal is a {@link GuardRefusedException} (exit code 3) whose message names the numbers and the way out.
 * Allowed runs over a limit are logged as a warning.
 */
public class DeletionGuard extends ConfiguredStep<MaxDeletions> {

    private static final String WAY_OUT =
            " Check the directory and filters; if intended, run again with --allow-deletions.";

    private static final Logger LOG = LoggerFactory.getLogger(DeletionGuard.class);

    /** For Camel: {@code sync.max-deletions} is read from the context's properties at each call. */
    public DeletionGuard() {
    }

    public DeletionGuard(MaxDeletions limit) {
        super(limit);
    }

    /** Returns {@code changes} when the run may go on; throws {@link GuardRefusedException} otherwise. */
    public ChangeSet check(ChangeSet changes, boolean allowDeletions) {
        MaxDeletions limit = settings();
        ChangeSet.GuardFacts facts = changes.guardFacts();

        String emptyRead = emptyRead(facts);
        if (emptyRead != null) {
            if (!allowDeletions) {
                throw new GuardRefusedException("Refused: " + emptyRead + "." + WAY_OUT);
            }
            LOG.warn("Allowed by --allow-deletions: {}", emptyRead);
        }

        int removals = changes.removed().size();
        long allowed = limit.limitFor(facts.appliedMembers());
        if (removals > allowed) {
            String what = "this run would remove " + removals + " of " + facts.appliedMembers() + " members (limit "
                    + limit + ", " + MaxDeletions.KEY + ")";
            if (!allowDeletions) {
                throw new GuardRefusedException("Refused: " + what + "." + WAY_OUT);
            }
            LOG.warn("Allowed by --allow-deletions: {}", what);
        }
        return changes;
    }

    private static String emptyRead(ChangeSet.GuardFacts facts) {
        boolean noUsers = facts.noUsersRead() && facts.appliedMembers() > 0;
        boolean noGroups = facts.noGroupsRead() && facts.appliedGroups() > 0;
        if (noUsers && noGroups) {
            return "the directory returned no users and no groups, but " + ChangeSet.count(facts.appliedMembers(),
                    "member", "members") + " and " + ChangeSet.count(facts.appliedGroups(), "group", "groups")
                    + " were synced before";
        }
        if (noUsers) {
            return "the directory returned no users, but " + ChangeSet.count(facts.appliedMembers(), "member was",
                    "members were") + " synced before";
        }
        if (noGroups) {
            return "the directory returned no groups, but " + ChangeSet.count(facts.appliedGroups(), "group was",
                    "groups were") + " synced before";
        }
        return null;
    }

    @Override
    protected MaxDeletions settingsFrom(Settings settings) {
        return MaxDeletions.from(settings);
    }
}
