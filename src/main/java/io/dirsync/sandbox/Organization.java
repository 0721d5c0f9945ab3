package io.dirsync.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The organization's state: members, groups, seats and the event log. It knows nothing of HTTP or of
 * either server's import rules ({@link OfficialImport}, {@link VaultwardenImport}); callers synchronize on it.
 */
final class Organization {

    /** A member as stored: mutable, unlike the {@link Member} snapshots handed out. */
    static final class MemberRow {
        final String id = UUID.randomUUID().toString();
        /** The member's place in the order members were created: a {@link Census} keeps statuses by it. */
        final int serial;
        String userId;
        String email;
        String externalId;
        MemberType type;
        MemberStatus status;
        /** What a revoked member returns to when restored. */
        MemberStatus statusBeforeRevoke;
        boolean hasMasterPassword;

        MemberRow(int serial) {
            this.serial = serial;
        }

        Member snapshot() {
            return new Member(id, userId, email, externalId, type, status, hasMasterPassword);
        }

        void revoke() {
            if (status != MemberStatus.REVOKED) {
                statusBeforeRevoke = status;
                status = MemberStatus.REVOKED;
            }
        }

        void restore() {
            if (status == MemberStatus.REVOKED) {
                status = statusBeforeRevoke == null ? MemberStatus.INVITED : statusBeforeRevoke;
                statusBeforeRevoke = null;
            }
        }
    }

    /** A group as stored. */
    static final class GroupRow {
        final String id = UUID.randomUUID().toString();
        String name;
        String externalId;
        final Set<String> memberIds = new LinkedHashSet<>();
        /** Counts the changes to {@link #memberIds}: a census compares it, not a copy of a million memberships. */
        long membersRevision;
    }

    /**
     * What an import can change, at one moment: each member's status, by the member's {@link MemberRow#serial}, and
     * each group's name and members, by id. {@link ImportOutcome#between} compares two. Taken before and after every
     * import, so it copies no id and no membership: a million members are a million bytes.
     *
     * @param statuses a status's ordinal + 1 at a member's serial; 0 where there is no member (any more)
     * @param members  how many members there are
     */
    record Census(byte[] statuses, int members, Map<String, GroupState> groups) {

        private static final MemberStatus[] STATUSES = MemberStatus.values();

        /** The status of the member with this serial, or null when there is none. */
        MemberStatus status(int serial) {
            return serial < statuses.length && statuses[serial] != 0 ? STATUSES[statuses[serial] - 1] : null;
        }

        record GroupState(String name, long membersRevision) {
        }
    }

    private final String id;
    /** By id, in the order members were added: lookups stay cheap for organizations of 100,000 members. */
    private final Map<String, MemberRow> members = new LinkedHashMap<>();
    private int nextSerial;
    private final List<GroupRow> groups = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private Integer seats;

    Organization(String id, Integer seats) {
        this.id = id;
        this.seats = seats;
    }

    String id() {
        return id;
    }

    /** The seat count; {@code null} means unlimited. Cloud autoscaling raises it. */
    Integer seats() {
        return seats;
    }

    void addSeats(int count) {
        seats = seats + count;
    }

    List<MemberRow> memberRows() {
        return new ArrayList<>(members.values());
    }

    List<GroupRow> groupRows() {
        return groups;
    }

    MemberRow addMember(String email, MemberType type, MemberStatus status, String externalId,
                        boolean hasMasterPassword) {
        MemberRow row = new MemberRow(nextSerial++);
        row.email = email == null ? null : email.toLowerCase(Locale.ROOT);
        row.type = Objects.requireNonNull(type, "type");
        row.status = Objects.requireNonNull(status, "status");
        row.externalId = externalId;
        row.hasMasterPassword = hasMasterPassword;
        // Invited and staged members have not created (or linked) an account yet.
        row.userId = status == MemberStatus.INVITED || status == MemberStatus.STAGED
                ? null : UUID.randomUUID().toString();
        if (status == MemberStatus.REVOKED) {
            row.statusBeforeRevoke = row.userId == null ? MemberStatus.INVITED : MemberStatus.CONFIRMED;
        }
        members.put(row.id, row);
        return row;
    }

    GroupRow addGroup(String name, String externalId) {
        GroupRow row = new GroupRow();
        row.name = name;
        row.externalId = externalId;
        groups.add(row);
        return row;
    }

    /** Deletes members outright, with their group memberships (a hard delete, not a revoke). */
    void removeMembers(List<MemberRow> rows) {
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(row -> ids.add(row.id));
        members.keySet().removeAll(ids);
        for (GroupRow group : groups) {
            if (group.memberIds.removeAll(ids)) {
                group.membersRevision++;
            }
        }
    }

    Optional<MemberRow> memberById(String memberId) {
        return Optional.ofNullable(members.get(memberId));
    }

    Optional<GroupRow> groupById(String groupId) {
        return groups.stream().filter(row -> row.id.equals(groupId)).findFirst();
    }

    /** Replaces a group's members; ids of members that no longer exist are dropped, as the server's join does. */
    void replaceGroupMembers(GroupRow group, Set<String> memberIds) {
        Set<String> existing = new LinkedHashSet<>();
        memberIds.stream().filter(members::containsKey).forEach(existing::add);
        if (!existing.equals(group.memberIds)) {
            group.membersRevision++;
        }
        group.memberIds.clear();
        group.memberIds.addAll(existing);
    }

    long confirmedOwners() {
        return members.values().stream()
                .filter(row -> row.type == MemberType.OWNER && row.status == MemberStatus.CONFIRMED)
                .count();
    }

    long occupiedSeats() {
        return members.values().stream().filter(row -> row.status.occupiesSeat()).count();
    }

    void log(Event event) {
        events.add(event);
    }

    List<Member> members() {
        return members.values().stream().map(MemberRow::snapshot).toList();
    }

    List<Group> groups() {
        return groups.stream().map(this::snapshot).toList();
    }

    Group snapshot(GroupRow group) {
        List<MemberRow> rows = group.memberIds.stream().map(this::memberById).flatMap(Optional::stream).toList();
        return new Group(group.id, group.name, group.externalId,
                rows.stream().map(row -> row.id).toList(),
                rows.stream().map(row -> row.externalId).filter(Objects::nonNull).toList(),
                rows.stream().map(row -> row.email).toList());
    }

    Census census() {
        byte[] statuses = new byte[nextSerial];
        for (MemberRow row : members.values()) {
            statuses[row.serial] = (byte) (row.status.ordinal() + 1);
        }
        Map<String, Census.GroupState> groupStates = new HashMap<>();
        groups.forEach(group -> groupStates.put(group.id, new Census.GroupState(group.name, group.membersRevision)));
        return new Census(statuses, members.size(), groupStates);
    }

    List<Event> events() {
        return List.copyOf(events);
    }
}
