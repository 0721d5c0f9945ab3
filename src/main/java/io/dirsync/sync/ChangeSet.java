package io.dirsync.sync;

import io.dirsync.model.ImportRequest;
import java.util.List;
import java.util.Objects;

/**
 * The plan of one run, made by the {@link Differ}: what to send, what it changes, and the state to commit once
 * every request built from it ({@link ImportBatcher}) has succeeded.
 *
 * <p>The counts compare the directory with the last applied state. A full run re-sends unchanged members and
 * groups too; they are in {@link #members()}/{@link #groups()} but still counted as unchanged.
 *
 * @param members           what to send: removals ({@code deleted:true}) first, then invites and re-sent members
 *                          ({@code deleted:false}), each part sorted by externalId
 * @param groups            what to send, sorted by externalId: changed (or re-sent) groups with their full flattened
 *                          member lists, and emptied groups with an empty list
 * @param invited           members new to the organization (also in {@code members})
 * @param removed           members to remove (also in {@code members})
 * @param groupsUpdated     groups created, renamed or re-membered
 * @param groupsEmptied     groups gone from the directory, sent empty (the API cannot delete a group)
 * @param unchangedUsers    desired members already applied (including those whose email changed)
 * @param unchangedGroups   desired groups already applied as they are
 * @param emailChanges      members whose directory email differs from the one Bitwarden has: reported, not sent
 * @param full              every current member and group is sent again
 * @param fullReason        why the run is full (null when it is not)
 * @param overwriteExisting the requests carry {@code overwriteExisting:true}: the server removes every member it
 *                          knows by an externalId that is not among the non-deleted members sent
 * @param guardFacts        what the {@link DeletionGuard} weighs besides the removals
 * @param nextState         the state to commit after every request succeeded (also when nothing is sent)
 */
public record ChangeSet(
        List<ImportRequest.Member> members,
        List<ImportRequest.Group> groups,
        List<ImportRequest.Member> invited,
        List<ImportRequest.Member> removed,
        List<GroupChange> groupsUpdated,
        List<GroupChange> groupsEmptied,
        int unchangedUsers,
        int unchangedGroups,
        List<EmailChange> emailChanges,
        boolean full,
        String fullReason,
        boolean overwriteExisting,
        GuardFacts guardFacts,
        AppliedState nextState) {

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
     * @param appliedMembers members in the applied state the run was compared with (the base of a percentage limit)
     * @param appliedGroups  groups in that state
     * @param noUsersRead    users are synced and the read returned none
     * @param noGroupsRead   groups are synced and the read returned none
     */
    public record GuardFacts(int appliedMembers, int appliedGroups, boolean noUsersRead, boolean noGroupsRead) {
    }

    public ChangeSet {
        members = List.copyOf(members);
        groups = List.copyOf(groups);
        invited = List.copyOf(invited);
        removed = List.copyOf(removed);
        groupsUpdated = List.copyOf(groupsUpdated);
        groupsEmptied = List.copyOf(groupsEmptied);
        emailChanges = List.copyOf(emailChanges);
        Objects.requireNonNull(guardFacts, "guardFacts");
        Objects.requireNonNull(nextState, "nextState");
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
     * when a group was; words agree with their number ("1 group updated", "1 user"). A full run ends with
     * {@code (full sync)}; email changes that were not synced add {@code ; 1 email change not synced}. When there
     * is nothing to send the line is {@code Nothing to sync} (plus the email-change part, if any).
     */
    public String summary() {
        StringBuilder line = new StringBuilder();
        if (isEmpty()) {
            line.append("Nothing to sync");
        } else {
            line.append("Synced: ").append(invited.size()).append(" invited, ")
                    .append(removed.size()).append(" removed, ")
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
                        + " externalId that is not in this request (never owners).\n");
            }
            section(text, "Invite", invited.size(), "user", "users");
            invited.forEach(m -> text.append("  + ").append(m.email()).append(" (").append(m.externalId()).append(")\n"));
            section(text, "Remove", removed.size(), "user", "users");
            removed.forEach(m -> text.append("  - ").append(m.email()).append(" (").append(m.externalId()).append(")\n"));
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
        if (!emailChanges.isEmpty()) {
            text.append("Not synced: ").append(count(emailChanges.size(), "email", "emails"))
                    .append(" changed in the directory; Bitwarden keeps the old address (the API cannot change it):\n");
            emailChanges.forEach(c -> text.append("  ! ").append(c.externalId()).append(": ").append(c.oldEmail())
                    .append(" -> ").append(c.newEmail()).append('\n'));
        }
        return text.toString();
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
