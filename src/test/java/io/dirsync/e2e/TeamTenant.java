package io.dirsync.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

/**
 * The directory the cloud end-to-end tests model: users 1 to {@code users()}, user n in team {@code (n-1) % 20 + 1},
 * 20 groups named {@code Team 01} to {@code Team 20}. Each test gives its source's rules (ids, the address dirsync must
 * use, who is linked); the expectations are computed from them here, never read back from dirsync.
 */
final class TeamTenant {

    static final int TEAMS = 20;

    private final IntSupplier users;
    private final IntFunction<String> userId;
    private final IntFunction<String> email;
    private final IntFunction<String> groupId;
    private final IntPredicate linked;

    /**
     * @param users how many numbered users there are now
     * @param email the address dirsync must use for user n, null if it has none
     * @param linked whether user n, given it has an address, must be a member of the organization
     */
    TeamTenant(IntSupplier users, IntFunction<String> userId, IntFunction<String> email, IntFunction<String> groupId,
            IntPredicate linked) {
        this.users = users;
        this.userId = userId;
        this.email = email;
        this.groupId = groupId;
        this.linked = linked;
    }

    static int team(int n) {
        return (n - 1) % TEAMS + 1;
    }

    static String teamName(int k) {
        return String.format("Team %02d", k);
    }

    /** Users 1 to {@code users()}. */
    IntStream numbers() {
        return IntStream.rangeClosed(1, users.getAsInt());
    }

    /** The users of team k. */
    IntStream teamUsers(int k) {
        return numbers().filter(n -> team(n) == k);
    }

    /** user id → email of the organization's linked members. */
    Map<String, String> expectedMembers() {
        Map<String, String> members = new TreeMap<>();
        numbers().filter(n -> email.apply(n) != null && linked.test(n))
                .forEach(n -> members.put(userId.apply(n), email.apply(n)));
        return members;
    }

    /** group id → member emails: those of {@code groupUsers(k)} who are linked members. */
    Map<String, Set<String>> expectedGroups(IntFunction<IntStream> groupUsers) {
        Map<String, Set<String>> groups = new TreeMap<>();
        Map<String, String> members = expectedMembers();
        for (int k = 1; k <= TEAMS; k++) {
            Set<String> emails = new TreeSet<>();
            groupUsers.apply(k).mapToObj(n -> members.get(userId.apply(n))).filter(Objects::nonNull)
                    .forEach(emails::add);
            groups.put(groupId.apply(k), emails);
        }
        return groups;
    }

    /**
     * {@code dirsync test}'s whole output: each group's {@code groupUsers(k)} by id, then the users {@code enabled},
     * {@code disabled} and {@code deleted} picks, each list ordered by email.
     */
    ObjectNode expectedTest(IntFunction<IntStream> groupUsers, IntPredicate enabled, IntPredicate disabled,
            IntPredicate deleted) {
        ObjectNode json = E2e.JSON.createObjectNode().put("object", "test");
        ArrayNode groups = json.putArray("groups");
        for (int k = 1; k <= TEAMS; k++) {
            ArrayNode ids = groups.addObject().put("externalId", groupId.apply(k)).put("displayName", teamName(k))
                    .putArray("userIds");
            groupUsers.apply(k).mapToObj(userId).distinct().sorted().forEach(ids::add);
        }
        users(json.putArray("enabledUsers"), enabled);
        users(json.putArray("disabledUsers"), disabled);
        users(json.putArray("deletedUsers"), deleted);
        return json;
    }

    private void users(ArrayNode into, IntPredicate which) {
        numbers().filter(which).boxed().sorted(Comparator.comparing(email::apply))
                .forEach(n -> into.addObject().put("externalId", userId.apply(n)).put("displayName", email.apply(n)));
    }
}
