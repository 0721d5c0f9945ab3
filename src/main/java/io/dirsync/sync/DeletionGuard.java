package io.dirsync.sync;

import io.dirsync.RepeatedWarnings;
import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route step "guard": keeps a run from taking away more than the operator expects. Two things are counted, each
 * against {@code sync.max-deletions} on its own (a number, or a percentage of its own base, rounded up):
 * <ul>
 * <li>members removed (gone, out of scope, deleted, disabled with remove-disabled, or removed by the server under
 * {@code sync.overwrite-existing}), against the members last applied;</li>
 * <li>memberships taken from people who stay (members dropped from groups, groups emptied), against the memberships
 * last applied; a removed member's memberships are not counted again.</li>
 * </ul>
 * When a limit trips, the run <b>holds</b> every removal and still applies what only adds (the plan is made again
 * with {@link DiffSettings#holdRemovals()}); it ends with exit code 3 and names what it held. It <b>refuses</b>
 * instead (a {@link GuardRefusedException}, nothing sent) when the source settings changed since the applied state
 * or there is none, on an overwrite run (the server removes, so nothing can be held), and when the read is empty
 * where the state had people. {@code sync --allow-deletions} lets every removal through, with a warning.
 */
public class DeletionGuard extends ConfiguredStep<MaxDeletions> {

    static final String WAY_OUT = "Check the directory and filters; if intended, run 'dirsync sync --allow-deletions'.";

    private static final Logger LOG = LoggerFactory.getLogger(DeletionGuard.class);

    /** For Camel: {@code sync.max-deletions} is read from the context's properties at each call. */
    public DeletionGuard() {
    }

    public DeletionGuard(MaxDeletions limit) {
        super(limit);
    }

    /** The route step: {@link #check(ChangeSet, boolean)} with the run's {@code --allow-deletions}. */
    @Handler
    public ChangeSet check(@Body ChangeSet changes, @ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        return check(changes, run.options().allowDeletions());
    }

    /** The step of a dry run: what the guard would do, without failing the run. */
    public DryRunPlan preview(@Body ChangeSet changes, @ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        try {
            return new DryRunPlan(check(changes, run), null);
        } catch (GuardRefusedException refused) {
            return new DryRunPlan(changes.withoutInput(), refused.getMessage());
        }
    }

    /**
     * Returns the plan to push: {@code changes} as they are, or the plan made again holding its removals; throws
     * {@link GuardRefusedException} when the run must send nothing.
     */
    public ChangeSet check(ChangeSet changes, boolean allowDeletions) {
        ChangeSet.GuardFacts facts = changes.guardFacts();
        String emptyRead = emptyRead(facts);
        List<String> overLimit = overLimit(changes, settings());
        if (emptyRead == null && overLimit.isEmpty()) {
            return changes.withoutInput();
        }
        if (allowDeletions) {
            if (emptyRead != null) {
                LOG.warn("Allowed by --allow-deletions: {}", emptyRead);
            }
            overLimit.forEach(what -> LOG.warn("Allowed by --allow-deletions: {}", what));
            return changes.withoutInput();
        }
        if (emptyRead != null) {
            throw new GuardRefusedException("Refused, nothing sent: " + emptyRead + ". " + WAY_OUT);
        }
        String what = String.join("; ", overLimit);
        if (changes.overwriteExisting()) {
            throw new GuardRefusedException("Refused, nothing sent: " + what + ". With sync.overwrite-existing the"
                    + " server itself removes, so no removal can be held back. " + WAY_OUT);
        }
        if (facts.settingsChanged() || changes.input() == null) {
            throw new GuardRefusedException("Refused, nothing sent: " + what + ", and the source settings changed"
                    + " since the last sync (or there is none), so the removals may come from the new settings. "
                    + WAY_OUT);
        }
        ChangeSet held = Differ.diff(changes.input().holdingRemovals());
        ChangeSet.Held kept = held.held();
        String line = "Held " + held.heldCounts() + ": " + what + ". Invitations and new memberships were applied;"
                + " nobody was removed and no membership taken away. " + WAY_OUT;
        RepeatedWarnings.warn(LOG, line);
        kept.members().forEach(m -> LOG.debug("Held: {} ({}) stays a member", m.email(), m.externalId()));
        kept.groups().forEach(g -> LOG.debug("Held: {} ({}) keeps {}", g.name(), g.externalId(),
                ChangeSet.count(g.removedMembers(), "member", "members")));
        return held.withHeld(new ChangeSet.Held(kept.members(), kept.memberships(), kept.groups(), line))
                .withoutInput();
    }

    /** What goes over a limit, one phrase each; empty when nothing does. */
    private static List<String> overLimit(ChangeSet changes, MaxDeletions limit) {
        ChangeSet.GuardFacts facts = changes.guardFacts();
        List<String> over = new ArrayList<>();
        int members = changes.removals();
        // an overwrite can remove any member the server links, applied by dirsync or not
        int memberBase = Math.max(facts.appliedMembers(), changes.serverRemovals().linked());
        if (members > limit.limitFor(memberBase)) {
            over.add("this run would remove " + members + " of " + memberBase + " members (limit " + limit + ", "
                    + MaxDeletions.KEY + ")");
        }
        if (!changes.serverRemovals().known() && !changes.isEmpty()) {
            over.add("the members an overwrite run removes on the server cannot be counted, since the server cannot"
                    + " list its members (bitwarden.server=vaultwarden)");
        }
        int memberships = facts.membershipsRemoved();
        if (memberships > limit.limitFor(facts.appliedMemberships())) {
            over.add("this run would take " + memberships + " of " + facts.appliedMemberships() + " group memberships"
                    + " from people who stay (limit " + limit + ", " + MaxDeletions.KEY + ")");
        }
        return over;
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
