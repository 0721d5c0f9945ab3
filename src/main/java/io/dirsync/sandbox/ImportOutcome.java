package io.dirsync.sandbox;

import io.dirsync.sandbox.Organization.Census.GroupState;
import io.dirsync.sandbox.Organization.Census;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one applied import changed in the organization, and its size afterwards.
 *
 * @param invited       members created and invited
 * @param staged        members created staged (the official server's staged-status flag)
 * @param removed       members deleted (the official server's removals, and {@code overwriteExisting} on both)
 * @param revoked       members revoked (Vaultwarden's answer to {@code deleted:true})
 * @param restored      revoked members restored (Vaultwarden, when they are imported again)
 * @param groupsCreated groups created
 * @param groupsChanged existing groups renamed or given other members
 */
public record ImportOutcome(int invited, int staged, int removed, int revoked, int restored, int groupsCreated,
                            int groupsChanged, int members, int groups) {

    static ImportOutcome between(Census before, Census after) {
        int invited = 0;
        int staged = 0;
        int removed = 0;
        int revoked = 0;
        int restored = 0;
        // serials only grow: every member of either census has one below the later census's length
        for (int serial = 0; serial < after.statuses().length; serial++) {
            MemberStatus was = before.status(serial);
            MemberStatus now = after.status(serial);
            if (now == null) {
                removed += was != null ? 1 : 0;
            } else if (was == null) {
                invited += now == MemberStatus.INVITED ? 1 : 0;
                staged += now == MemberStatus.STAGED ? 1 : 0;
            } else if (was != now) {
                revoked += now == MemberStatus.REVOKED ? 1 : 0;
                restored += was == MemberStatus.REVOKED ? 1 : 0;
            }
        }
        int groupsCreated = 0;
        int groupsChanged = 0;
        for (Map.Entry<String, GroupState> group : after.groups().entrySet()) {
            GroupState was = before.groups().get(group.getKey());
            if (was == null) {
                groupsCreated++;
            } else if (!was.equals(group.getValue())) {
                groupsChanged++;
            }
        }
        return new ImportOutcome(invited, staged, removed, revoked, restored, groupsCreated, groupsChanged,
                after.members(), after.groups().size());
    }

    /** One line, e.g. "3 invited, 1 removed, 2 groups created, 1 group changed; 31 members, 9 groups". */
    public String describe() {
        List<String> changes = new ArrayList<>();
        changes.add(invited + " invited");
        if (staged > 0) {
            changes.add(staged + " staged");
        }
        changes.add(removed + " removed");
        if (revoked > 0) {
            changes.add(revoked + " revoked");
        }
        if (restored > 0) {
            changes.add(restored + " restored");
        }
        changes.add(count(groupsCreated, "group") + " created");
        changes.add(count(groupsChanged, "group") + " changed");
        return String.join(", ", changes) + "; " + count(members, "member") + ", " + count(groups, "group");
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
