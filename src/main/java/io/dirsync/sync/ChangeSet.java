package io.dirsync.sync;

import io.dirsync.model.ImportRequest;
import io.dirsync.model.LeftOut;
import io.dirsync.state.AppliedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The plan of one run, made by the {@link Differ}: what to send, what it changes, and the states to save around
 * the requests built from it ({@link ImportBatcher}).
 *
 * <p>The counts compare the directory with the last applied state. A full run re-sends unchanged members and
 * groups too; they are in {@link #members()}/{@link #groups()} but still counted as unchanged.
 *
 * @param members           what to send: removals ({@code deleted:true}) first, then invites and re-sent members
 *                          ({@code deleted:false}), each part sorted by externalId
 * @param groups            what to send, sorted by externalId: changed (or re-sent) groups with their full flattened
 *                          member lists, and emptied groups with an empty list
 * @param invited           members new to dirsync's applied state (also in {@code members})
 * @param alreadyMembers    of those, the ones the server listed as members already (it links them, does not invite
 *                          them again); null when it was not asked ({@link ServerMembers})
 * @param removed           members to remove (also in {@code members})
 * @param groupsUpdated     groups created, renamed or re-membered
 * @param groupsEmptied     groups gone from the directory, sent empty (the API cannot delete a group)
 * @param unchangedUsers    desired members already applied (including those whose email changed)
 * @param unchangedGroups   desired groups already applied as they are
 * @param emailChanges      members whose directory email differs from the one Bitwarden has: reported, not sent
 * @param leftOut           entries the normalizer left out: named on every run until fixed
 * @param full              every current member and group is sent again
 * @param fullReason        why the run is full (null when it is not)
 * @param overwriteExisting the requests carry {@code overwriteExisting:true}: the server removes every member it
 *                          knows by an externalId that is not among the non-deleted members sent
 * @param serverRemovals    with {@code overwriteExisting}, the members the server itself will remove
 * @param held              the removals the {@link DeletionGuard} held back from this run
 * @param guardFacts        what the {@link DeletionGuard} weighs
 * @param inFlightState     the state to save before the first request: the applied state, with everything this run
 *                          changes marked unsure
 * @param nextState         the state to save after every request succeeded (also when nothing is sent)
 * @param input             what the plan was made from, so that the guard can plan again holding removals; null
 *                          once the guard has passed it
 */
public record ChangeSet(
        List<ImportRequest.Member> members,
        List<ImportRequest.Group> groups,
        List<ImportRequest.Member> invited,
        List<ImportRequest.Member> alreadyMembers,
        List<ImportRequest.Member> removed,
        List<GroupChange> groupsUpdated,
        List<GroupChange> groupsEmptied,
        int unchangedUsers,
        int unchangedGroups,
        List<EmailChange> emailChanges,
        List<LeftOut> leftOut,
        boolean full,
        String fullReason,
        boolean overwriteExisting,
        ServerRemovals serverRemovals,
        Held held,
        GuardFacts guardFacts,
        AppliedState inFlightState,
        AppliedState nextState,
        Differ.Input input) {

    /**
     * A group to be created or changed, or emptied.
     *
     * @param previousName   the name last applied; null for a new group
     * @param members        members after this run
     * @param addedMembers   members it gains
     * @param removedMembers members it loses
     */
    public record GroupChange(String externalId, String name, String previousName, int members, int addedMembers,
            int removedMembers) {

        public boolean isNew() {
            return previousName == null;
        }

        public boolean isRenamed() {
            return previousName != null && !previousName.equals(name);
        }
    }

    /** A member whose email changed in the directory under the same externalId. */
    public record EmailChange(String externalId, String oldEmail, String newEmail) {
    }

    /**
     * What the guard weighs.
     *
     * @param appliedMembers     members in the applied state the run was compared with (the base of a percentage)
     * @param appliedMemberships memberships in that state (the base of a percentage for memberships)
     * @param appliedGroups      groups in that state
     * @param membershipsRemoved memberships this run takes from people who stay: members dropped from groups and
     *                           groups emptied (a removed member's memberships are not counted)
     * @param noUsersRead        users are synced and the read returned none
     * @param noGroupsRead       groups are synced and the read returned none
     * @param settingsChanged    no usable applied state, or one saved with other source settings: a limit that trips
     *                           then refuses the run rather than holding its removals
     */
    public record GuardFacts(int appliedMembers, int appliedMemberships, int appliedGroups, int membershipsRemoved,
            boolean noUsersRead, boolean noGroupsRead, boolean settingsChanged) {
    }

    /**
     * The members an {@code overwriteExisting} request makes the server remove besides the explicit removals: the
     * members it lists with an externalId that the request does not carry (owners excepted). {@code known} is false
     * until they were counted, and stays false where the server cannot list its members (Vaultwarden).
     *
     * @param linked the members the server listed with an externalId, owners excepted: what it could remove
     */
    public record ServerRemovals(List<ImportRequest.Member> members, int linked, boolean known) {

        public static final ServerRemovals NONE = new ServerRemovals(List.of(), 0, true);
        public static final ServerRemovals UNCOUNTED = new ServerRemovals(List.of(), 0, false);

        public ServerRemovals {
            members = List.copyOf(members);
        }
    }

    /**
     * Removals held back by the guard: the members and the memberships the directory no longer has, kept as they
     * were until {@code sync --allow-deletions}.
     *
     * @param members     members not removed
     * @param memberships memberships not taken away, over all groups
     * @param groups      the groups that kept members they would have lost (with the number they kept as
     *                    {@code removedMembers}), emptied ones included
     * @param reason      the guard's one line: what went over which limit, and the way out (null while the plan
     *                    is only a candidate)
     */
    public record Held(List<ImportRequest.Member> members, int memberships, List<GroupChange> groups,
            String reason) {

        public static final Held NONE = new Held(List.of(), 0, List.of(), null);

        public Held {
            members = List.copyOf(members);
            groups = List.copyOf(groups);
        }

        public boolean isEmpty() {
            return members.isEmpty() && memberships == 0;
        }
    }

    public ChangeSet {
        members = List.copyOf(members);
        groups = List.copyOf(groups);
        invited = List.copyOf(invited);
        alreadyMembers = alreadyMembers == null ? null : List.copyOf(alreadyMembers);
        removed = List.copyOf(removed);
        groupsUpdated = List.copyOf(groupsUpdated);
        groupsEmptied = List.copyOf(groupsEmptied);
        emailChanges = List.copyOf(emailChanges);
        leftOut = List.copyOf(leftOut);
        Objects.requireNonNull(serverRemovals, "serverRemovals");
        Objects.requireNonNull(held, "held");
        Objects.requireNonNull(guardFacts, "guardFacts");
        Objects.requireNonNull(inFlightState, "inFlightState");
        Objects.requireNonNull(nextState, "nextState");
    }

    /** Every removal this run makes: the explicit ones and, with overwriteExisting, the server's own. */
    public int removals() {
        return removed.size() + serverRemovals.members().size();
    }

    /** This plan with the server's own removals counted (an overwrite run). */
    public ChangeSet withServerRemovals(ServerRemovals counted) {
        return new ChangeSet(members, groups, invited, alreadyMembers, removed, groupsUpdated, groupsEmptied,
                unchangedUsers, unchangedGroups, emailChanges, leftOut, full, fullReason, overwriteExisting, counted,
                held, guardFacts, inFlightState, nextState, input);
    }

    /** This plan with what the guard held back. */
    public ChangeSet withHeld(Held kept) {
        return new ChangeSet(members, groups, invited, alreadyMembers, removed, groupsUpdated, groupsEmptied,
                unchangedUsers, unchangedGroups, emailChanges, leftOut, full, fullReason, overwriteExisting,
                serverRemovals, kept, guardFacts, inFlightState, nextState, input);
    }

    /** This plan without what it was made from: for the steps after the guard, which need none of it. */
    public ChangeSet withoutInput() {
        return input == null ? this : new ChangeSet(members, groups, invited, alreadyMembers, removed, groupsUpdated,
                groupsEmptied, unchangedUsers, unchangedGroups, emailChanges, leftOut, full, fullReason,
                overwriteExisting, serverRemovals, held, guardFacts, inFlightState, nextState, null);
    }

    /** This plan with the invited members the server already has ({@link ServerMembers}). */
    public ChangeSet withAlreadyMembers(List<ImportRequest.Member> known) {
        return new ChangeSet(members, groups, invited, known, removed, groupsUpdated, groupsEmptied, unchangedUsers,
                unchangedGroups, emailChanges, leftOut, full, fullReason, overwriteExisting, serverRemovals, held,
                guardFacts, inFlightState, nextState, input);
    }

    /**
     * Nothing to send. An overwrite run that is full sends even an empty request (as bwdc does): with
     * {@code overwriteExisting:true} an empty list of members is itself an instruction.
     */
    public boolean isEmpty() {
        return members.isEmpty() && groups.isEmpty() && !(overwriteExisting && full);
    }

    /**
     * The one line {@code dirsync sync} prints, e.g.
     * {@code Synced: 3 invited, 2 removed, 4 groups updated, 1 group emptied; 95 users and 12 groups unchanged}.
     *
     * <p>Invited, removed, groups updated and the unchanged counts are always shown, even at zero; "emptied" only
     * when a group was; words agree with their number ("1 group updated", "1 user"). Removed counts the server's
     * own removals of an overwrite run too. A full run ends with {@code (full sync)}; removals the guard held add
     * {@code ; held: 54 member removals, 12 membership removals}; email changes that were not synced add
     * {@code ; 1 email change not synced}. When there is nothing to send the line is {@code Nothing to sync} (plus
     * the held and email-change parts, if any).
     */
    public String summary() {
        StringBuilder line = new StringBuilder();
        if (isEmpty()) {
            line.append("Nothing to sync");
        } else {
            line.append("Synced: ").append(invitedWording()).append(", ")
                    .append(removals()).append(" removed, ")
                    .append(count(groupsUpdated.size(), "group", "groups")).append(" updated");
            if (!groupsEmptied.isEmpty()) {
                line.append(", ").append(count(groupsEmptied.size(), "group", "groups")).append(" emptied");
            }
            line.append("; ").append(count(unchangedUsers, "user", "users")).append(" and ")
                    .append(count(unchangedGroups, "group", "groups")).append(" unchanged");
            if (full) {
                line.append(" (full sync)");
            }
        }
        if (!held.isEmpty()) {
            line.append("; held: ").append(heldCounts());
        }
        if (!emailChanges.isEmpty()) {
            line.append("; ").append(count(emailChanges.size(), "email change", "email changes")).append(" not synced");
        }
        return line.toString();
    }

    /**
     * The change plan {@code sync --dry-run} prints: who would be invited and removed, which groups would be
     * updated or emptied (with member counts), the email changes that are not synced, and what stays unchanged.
     * Lines end with {@code \n}.
     */
    public String plan() {
        StringBuilder text = new StringBuilder();
        if (isEmpty()) {
            text.append("Nothing to sync: ").append(count(unchangedUsers, "user", "users")).append(" and ")
                    .append(count(unchangedGroups, "group", "groups")).append(" unchanged.\n");
        } else {
            text.append(full ? "Plan for a full sync (" + fullReason + "): every current member and group is sent.\n"
                    : "Plan:\n");
            if (full && guardFacts.appliedMembers() == 0 && !invited.isEmpty()) {
                text.append("No member was applied by dirsync yet: those Bitwarden already has are linked or left"
                        + " as they are, not invited twice.\n");
            }
            if (overwriteExisting) {
                text.append("Sent with overwriteExisting: the server also removes every member it knows by an"
                        + " externalId that is not in this request (the official server never removes owners;"
                        + " Vaultwarden protects only the last confirmed owner).\n");
            }
            section(text, "Invite", invited.size(), "user", "users");
            invited.forEach(m -> text.append("  + ").append(m.email()).append(" (").append(m.externalId()).append(")\n"));
            section(text, "Remove", removed.size(), "user", "users");
            removed.forEach(m -> text.append("  - ").append(m.email()).append(" (").append(m.externalId()).append(")\n"));
            if (!serverRemovals.members().isEmpty()) {
                text.append("Removed by the server (overwriteExisting) ")
                        .append(count(serverRemovals.members().size(), "user", "users")).append(":\n");
                serverRemovals.members().forEach(m -> text.append("  - ").append(m.email()).append(" (")
                        .append(m.externalId()).append(")\n"));
            }
            section(text, "Update", groupsUpdated.size(), "group", "groups");
            groupsUpdated.forEach(g -> text.append("  * ").append(describe(g)).append('\n'));
            if (!groupsEmptied.isEmpty()) {
                text.append("Empty ").append(count(groupsEmptied.size(), "group", "groups"))
                        .append(" gone from the directory (the API cannot delete groups):\n");
                groupsEmptied.forEach(g -> text.append("  * ").append(g.name()).append(" (").append(g.externalId())
                        .append("): 0 members (was ").append(g.removedMembers()).append(")\n"));
            }
            text.append("Unchanged: ").append(count(unchangedUsers, "user", "users")).append(" and ")
                    .append(count(unchangedGroups, "group", "groups")).append(".\n");
        }
        if (!held.isEmpty()) {
            text.append("Held back by the guard (").append(heldCounts()).append("):\n");
            held.members().forEach(m -> text.append("  = ").append(m.email()).append(" (").append(m.externalId())
                    .append(") stays a member\n"));
            held.groups().forEach(g -> text.append("  = ").append(g.name()).append(" (").append(g.externalId())
                    .append(") keeps ").append(count(g.removedMembers(), "membership", "memberships")).append('\n'));
        }
        if (!emailChanges.isEmpty()) {
            text.append("Not synced: ").append(count(emailChanges.size(), "email", "emails"))
                    .append(" changed in the directory; Bitwarden keeps the old address (the API cannot change it):\n");
            emailChanges.forEach(c -> text.append("  ! ").append(c.externalId()).append(": ").append(c.oldEmail())
                    .append(" -> ").append(c.newEmail()).append('\n'));
        }
        return text.toString();
    }

    /**
     * {@code 3 invited}; {@code 1 invited, 59 already members} when the server listed who it had; {@code 60 invited
     * or linked} for a run without an applied state against a server that cannot say (those it has are linked, not
     * invited again).
     */
    String invitedWording() {
        if (alreadyMembers != null && !alreadyMembers.isEmpty()) {
            return newlyInvited() + " invited, " + alreadyMembers.size() + " already members";
        }
        if (whoIsThereUnknown()) {
            return invited.size() + " invited or linked";
        }
        return invited.size() + " invited";
    }

    /** Those invited whom the server did not list as members already. */
    public int newlyInvited() {
        return invited.size() - (alreadyMembers == null ? 0 : alreadyMembers.size());
    }

    /**
     * Whether some of those invited may be members already, unknown to dirsync: nothing applied yet (the diff leaves
     * {@code alreadyMembers} null then), and the server not asked.
     */
    public boolean whoIsThereUnknown() {
        return alreadyMembers == null && !invited.isEmpty();
    }

    /** {@code 54 member removals, 12 membership removals}: what the guard held, by kind. */
    public String heldCounts() {
        List<String> parts = new ArrayList<>();
        if (!held.members().isEmpty()) {
            parts.add(count(held.members().size(), "member removal", "member removals"));
        }
        if (held.memberships() > 0) {
            parts.add(count(held.memberships(), "membership removal", "membership removals"));
        }
        return String.join(", ", parts);
    }

    private static void section(StringBuilder text, String verb, int size, String one, String many) {
        if (size > 0) {
            text.append(verb).append(' ').append(count(size, one, many)).append(":\n");
        }
    }

    private static String describe(GroupChange change) {
        StringBuilder text = new StringBuilder(change.name()).append(" (").append(change.externalId()).append("): ");
        if (change.isNew()) {
            return text.append("new, ").append(count(change.members(), "member", "members")).toString();
        }
        if (change.isRenamed()) {
            text.append("renamed from \"").append(change.previousName()).append("\", ");
        }
        text.append(count(change.members(), "member", "members"));
        if (change.addedMembers() > 0 || change.removedMembers() > 0) {
            text.append(" (+").append(change.addedMembers()).append(" -").append(change.removedMembers()).append(')');
        }
        return text.toString();
    }

    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
