package io.dirsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dirsync.model.DirectoryGroup;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GroupFlattenerTest {

    private static DirectoryGroup group(String id, List<String> users, List<String> groups) {
        return new DirectoryGroup(id, id, Set.copyOf(users), Set.copyOf(groups));
    }

    private static Map<String, Set<String>> flattenedUsers(List<DirectoryGroup> groups) {
        List<DirectoryGroup> flattened = GroupFlattener.flatten(groups);
        assertThat(flattened).extracting(DirectoryGroup::externalId)
                .containsExactlyElementsOf(groups.stream().map(DirectoryGroup::externalId).toList());
        assertThat(flattened).allSatisfy(g -> assertThat(g.memberGroupIds()).isEmpty());
        Map<String, Set<String>> byId = new HashMap<>();
        flattened.forEach(g -> byId.put(g.externalId(), g.memberUserIds()));
        return byId;
    }

    // The groups of the peer fixture directory-circular-groups.ldif, members written as there (DNs).
    @Test
    void circularGroupsFixture() {
        String base = ",dc=bitwarden,dc=com";
        String roland = "cn=Roland Dyke,ou=Human Resources" + base;
        String teirtza = "cn=Teirtza Kara,ou=Human Resources" + base;
        String alice = "cn=Alice Chen,ou=Engineering" + base;
        String bob = "cn=Bob Martinez,ou=Engineering" + base;
        String carol = "cn=Carol Williams,ou=Engineering" + base;
        String david = "cn=David Kim,ou=Engineering" + base;
        String eva = "cn=Eva Johnson,ou=Marketing" + base;
        String frank = "cn=Frank Lee,ou=Marketing" + base;
        String platform = "cn=Platform" + base;
        String devOps = "cn=DevOps" + base;
        String qa = "cn=QA" + base;
        String engineering = "cn=Engineering" + base;
        String marketing = "cn=Marketing" + base;
        String hr = "cn=HR" + base;
        String allStaff = "cn=AllStaff" + base;
        String contractors = "cn=Contractors" + base;
        String testNestA = "cn=TestNestA" + base;
        String testNestB = "cn=TestNestB" + base;

        Map<String, Set<String>> users = flattenedUsers(List.of(
                group(platform, List.of(bob), List.of(engineering)),
                group(devOps, List.of(alice), List.of(platform)),
                group(qa, List.of(carol, david), List.of()),
                group(engineering, List.of(), List.of(devOps, qa)),
                group(marketing, List.of(eva, frank), List.of()),
                group(hr, List.of(roland, teirtza), List.of()),
                group(allStaff, List.of(), List.of(engineering, marketing, hr)),
                group(contractors, List.of(david), List.of(devOps)),
                group(testNestA, List.of(roland), List.of(testNestB)),
                group(testNestB, List.of(teirtza), List.of(testNestA))));

        // Engineering → DevOps → Platform → Engineering is one cycle: all three reach Bob, Alice and QA's two.
        Set<String> engineeringCycle = Set.of(alice, bob, carol, david);
        assertThat(users.get(platform)).isEqualTo(engineeringCycle);
        assertThat(users.get(devOps)).isEqualTo(engineeringCycle);
        assertThat(users.get(engineering)).isEqualTo(engineeringCycle);
        assertThat(users.get(qa)).isEqualTo(Set.of(carol, david));
        assertThat(users.get(marketing)).isEqualTo(Set.of(eva, frank));
        assertThat(users.get(hr)).isEqualTo(Set.of(roland, teirtza));
        assertThat(users.get(allStaff)).isEqualTo(Set.of(roland, teirtza, alice, bob, carol, david, eva, frank));
        assertThat(users.get(contractors)).isEqualTo(Set.of(alice, bob, carol, david));
        assertThat(users.get(testNestA)).isEqualTo(Set.of(roland, teirtza));
        assertThat(users.get(testNestB)).isEqualTo(Set.of(roland, teirtza));
    }

    @Test
    void diamond() {
        Map<String, Set<String>> users = flattenedUsers(List.of(
                group("A", List.of("a"), List.of("B", "C")),
                group("B", List.of("b"), List.of("D")),
                group("C", List.of("c"), List.of("D")),
                group("D", List.of("d"), List.of())));

        assertThat(users).containsExactlyInAnyOrderEntriesOf(Map.of(
                "A", Set.of("a", "b", "c", "d"),
                "B", Set.of("b", "d"),
                "C", Set.of("c", "d"),
                "D", Set.of("d")));
    }

    @Test
    void twoCycle() {
        Map<String, Set<String>> users = flattenedUsers(List.of(
                group("A", List.of("a"), List.of("B")),
                group("B", List.of("b"), List.of("A"))));

        assertThat(users).containsExactlyInAnyOrderEntriesOf(Map.of(
                "A", Set.of("a", "b"),
                "B", Set.of("a", "b")));
    }

    @Test
    void threeCycleWithAParentAndAChild() {
        Map<String, Set<String>> users = flattenedUsers(List.of(
                group("Top", List.of("t"), List.of("A")),
                group("A", List.of("a"), List.of("B")),
                group("B", List.of("b"), List.of("C")),
                group("C", List.of("c"), List.of("A", "Leaf")),
                group("Leaf", List.of("l"), List.of())));

        Set<String> cycle = Set.of("a", "b", "c", "l");
        assertThat(users).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Top", Set.of("t", "a", "b", "c", "l"),
                "A", cycle,
                "B", cycle,
                "C", cycle,
                "Leaf", Set.of("l")));
    }

    @Test
    void groupContainingItself() {
        Map<String, Set<String>> users = flattenedUsers(List.of(group("A", List.of("a"), List.of("A"))));

        assertThat(users).containsExactlyEntriesOf(Map.of("A", Set.of("a")));
    }

    // bwdc's own case: A → [B, C], B → [D, E], C → [E, F], D → A, E → C.
    @Test
    void severalCyclesSharingMembers() {
        Map<String, Set<String>> users = flattenedUsers(List.of(
                group("A", List.of("a"), List.of("B", "C")),
                group("B", List.of("b"), List.of("D", "E")),
                group("C", List.of("c"), List.of("E", "F")),
                group("D", List.of("d"), List.of("A")),
                group("E", List.of("e"), List.of("C")),
                group("F", List.of("f"), List.of())));

        Set<String> all = Set.of("a", "b", "c", "d", "e", "f");
        assertThat(users).containsExactlyInAnyOrderEntriesOf(Map.of(
                "A", all, "B", all, "D", all,
                "C", Set.of("c", "e", "f"),
                "E", Set.of("c", "e", "f"),
                "F", Set.of("f")));
    }

    @Test
    void childGroupsNotInTheListContributeNothing() {
        Map<String, Set<String>> users = flattenedUsers(List.of(
                group("A", List.of("a"), List.of("Elsewhere", "B")),
                group("B", List.of(), List.of("AlsoElsewhere"))));

        assertThat(users).containsExactlyInAnyOrderEntriesOf(Map.of(
                "A", Set.of("a"),
                "B", Set.of()));
    }

    @Test
    void aReferenceToARepeatedExternalIdReachesEveryGroupWithIt() {
        Map<String, Set<String>> users = flattenedUsers(List.of(
                group("Parent", List.of(), List.of("Twin")),
                group("Twin", List.of("x"), List.of()),
                group("Twin", List.of("y"), List.of())));

        assertThat(users.get("Parent")).isEqualTo(Set.of("x", "y"));
    }

    @Test
    void noGroups() {
        assertThat(GroupFlattener.flatten(List.of())).isEmpty();
    }

    @Test
    void chainFiftyThousandDeepNeedsNoDeepStack() {
        int depth = 50_000;
        List<DirectoryGroup> chain = new ArrayList<>(depth);
        for (int i = 0; i < depth - 1; i++) {
            chain.add(group("g" + i, List.of(), List.of("g" + (i + 1))));
        }
        chain.add(group("g" + (depth - 1), List.of("bottom"), List.of()));
        // and one more user at the top, which only the top group has
        chain.set(0, group("g0", List.of("top"), List.of("g1")));

        List<DirectoryGroup> flattened = GroupFlattener.flatten(chain);

        assertThat(flattened.get(0).memberUserIds()).isEqualTo(Set.of("top", "bottom"));
        assertThat(flattened.subList(1, depth)).allSatisfy(g -> assertThat(g.memberUserIds()).isEqualTo(Set.of("bottom")));
    }

    @Test
    void hundredThousandUsersInFiveThousandGroups() {
        Directory directory = Directory.random(new Random(20260813L), 100_000, 5_000, 10, 20);

        List<DirectoryGroup> flattened = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> GroupFlattener.flatten(directory.groups));

        Map<String, DirectoryGroup> byId = flattened.stream()
                .collect(Collectors.toMap(DirectoryGroup::externalId, Function.identity()));
        assertThat(directory.nestings).hasSizeGreaterThan(400);
        for (String[] parentAndChild : directory.nestings) {
            assertThat(byId.get(parentAndChild[0]).memberUserIds())
                    .containsAll(byId.get(parentAndChild[1]).memberUserIds());
        }
        for (int g = 0; g < directory.groups.size(); g++) {
            assertThat(flattened.get(g).memberUserIds()).containsAll(directory.groups.get(g).memberUserIds());
        }
        long direct = directory.groups.stream().mapToLong(g -> g.memberUserIds().size()).sum();
        long total = flattened.stream().mapToLong(g -> g.memberUserIds().size()).sum();
        assertThat(total).isGreaterThan(direct);
    }

    @Test
    void sameMembersAsANaiveSearchFromEveryGroup() {
        // as sparse as the large case, and denser so that groups have several child groups to merge
        for (int nestedPercent : new int[] {10, 60}) {
            Directory directory = Directory.random(new Random(7L), 2_000, 200, nestedPercent, 15);

            List<DirectoryGroup> flattened = GroupFlattener.flatten(directory.groups);

            Map<String, Set<String>> expected = naiveFlatten(directory.groups);
            assertThat(directory.nestings).as("some nestings close a cycle")
                    .anySatisfy(n -> assertThat(expected.get(n[0])).isEqualTo(expected.get(n[1])));
            long expectedTotal = expected.values().stream().mapToLong(Set::size).sum();
            long total = flattened.stream().mapToLong(g -> g.memberUserIds().size()).sum();
            assertThat(total).isEqualTo(expectedTotal);
            assertThat(flattened).allSatisfy(g ->
                    assertThat(g.memberUserIds()).isEqualTo(expected.get(g.externalId())));
        }
    }

    /** Breadth-first search from each group on its own: slow, and obviously right. */
    private static Map<String, Set<String>> naiveFlatten(List<DirectoryGroup> groups) {
        Map<String, DirectoryGroup> byId = groups.stream()
                .collect(Collectors.toMap(DirectoryGroup::externalId, Function.identity()));
        Map<String, Set<String>> result = new HashMap<>();
        for (DirectoryGroup start : groups) {
            Set<String> users = new HashSet<>();
            Set<String> seen = new HashSet<>(Set.of(start.externalId()));
            ArrayDeque<DirectoryGroup> queue = new ArrayDeque<>(List.of(start));
            while (!queue.isEmpty()) {
                DirectoryGroup group = queue.poll();
                users.addAll(group.memberUserIds());
                for (String child : group.memberGroupIds()) {
                    if (byId.containsKey(child) && seen.add(child)) {
                        queue.add(byId.get(child));
                    }
                }
            }
            result.put(start.externalId(), users);
        }
        return result;
    }

    /**
     * Users in 1..5 random groups each; about {@code nestedPercent} of the groups nested under a random
     * lower-numbered group, plus {@code backEdges} nestings of a group under one of its own descendants, which close cycles.
     */
    private record Directory(List<DirectoryGroup> groups, List<String[]> nestings) {

        static Directory random(Random random, int userCount, int groupCount, int nestedPercent, int backEdges) {
            List<Set<String>> users = new ArrayList<>();
            List<Set<String>> children = new ArrayList<>();
            for (int g = 0; g < groupCount; g++) {
                users.add(new HashSet<>());
                children.add(new LinkedHashSet<>());
            }
            for (int u = 0; u < userCount; u++) {
                int memberships = 1 + random.nextInt(5);
                for (int m = 0; m < memberships; m++) {
                    users.get(random.nextInt(groupCount)).add("user" + u);
                }
            }
            List<String[]> nestings = new ArrayList<>();
            for (int g = 1; g < groupCount; g++) {
                if (random.nextInt(100) < nestedPercent) {
                    int parent = random.nextInt(g);
                    children.get(parent).add("group" + g);
                    nestings.add(new String[] {"group" + parent, "group" + g});
                }
            }
            List<String[]> forward = List.copyOf(nestings);
            for (int b = 0; b < backEdges; b++) {
                // from a random nesting walk down to some descendant, and nest the top group under it
                String[] nesting = forward.get(random.nextInt(forward.size()));
                String descendant = nesting[1];
                while (!children.get(number(descendant)).isEmpty() && random.nextBoolean()) {
                    List<String> next = List.copyOf(children.get(number(descendant)));
                    descendant = next.get(random.nextInt(next.size()));
                }
                children.get(number(descendant)).add(nesting[0]);
                nestings.add(new String[] {descendant, nesting[0]});
            }
            List<DirectoryGroup> groups = new ArrayList<>();
            for (int g = 0; g < groupCount; g++) {
                groups.add(new DirectoryGroup("group" + g, "Group " + g, users.get(g), children.get(g)));
            }
            return new Directory(groups, nestings);
        }

        private static int number(String groupId) {
            return Integer.parseInt(groupId.substring("group".length()));
        }
    }
}
