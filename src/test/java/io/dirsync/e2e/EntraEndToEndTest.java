package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.groupMembers;
import static io.dirsync.e2e.E2e.groupNames;
import static io.dirsync.e2e.E2e.linkedMembers;
import static io.dirsync.e2e.E2e.syncFailsClosed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.entra.GraphFake;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code directory.type=entra} end to end through the CLI: a Graph fake of 250 users and 20 groups served 20 to a
 * page, and the Bitwarden sandbox. The directory, and what the organization must hold, follow the rules written
 * below (by hand, not by the reader): user n is {@code user<nnn>@contoso.com} and belongs to team {@code (n-1) % 20 + 1};
 * user 7 has no mail (its UPN is used), user 8 an onmicrosoft.com mail (its UPN is used), user 9 is an external
 * guest (left out), every 50th user is disabled (and removed: sync.remove-disabled=true). Team 01 nests Team 02,
 * Team 03 nests Team 04, Team 05 holds a device too.
 */
class EntraEndToEndTest {

    @TempDir
    Path instanceDir;

    private GraphFake graph;
    private TestSandbox sandbox;
    private E2e.Instance instance;
    /** Users taken out of the directory, and users disabled in it, by number. */
    private final Set<Integer> gone = new TreeSet<>();
    private final Set<Integer> disabledLater = new TreeSet<>();
    private int users = 250;
    private final TeamTenant tenant = new TeamTenant(() -> users, EntraEndToEndTest::userId, EntraEndToEndTest::email,
            EntraEndToEndTest::groupId, n -> !gone.contains(n) && enabled(n));

    static String userId(int n) {
        return String.format("%08x-1111-4222-8333-%012d", n * 7919, n);
    }

    static String groupId(int k) {
        return String.format("%08x-2222-4333-8444-%012d", k * 104729, k);
    }

    /** The address dirsync must use for user n; null for the guest. */
    static String email(int n) {
        return switch (n) {
            case 9 -> null;
            default -> String.format("user%03d@contoso.com", n);
        };
    }

    private boolean enabled(int n) {
        return n % 50 != 0 && !disabledLater.contains(n);
    }

    private void addUser(int n) {
        String upn = String.format("user%03d@contoso.onmicrosoft.com", n);
        switch (n) {
            case 7 -> graph.user(userId(n), null, "user007@contoso.com", true);
            case 8 -> graph.user(userId(n), "user008@contoso.onmicrosoft.com", "user008@contoso.com", true);
            case 9 -> graph.user(userId(n), null, "user009_fabrikam.com#EXT#@contoso.onmicrosoft.com", true);
            default -> graph.user(userId(n), String.format("user%03d@contoso.com", n), upn, enabled(n));
        }
    }

    private void writeGroups(Map<Integer, String> names, Map<Integer, List<Integer>> extraMembersOfTeam2) {
        for (int k = 1; k <= 20; k++) {
            List<String> members = new ArrayList<>();
            int team = k;
            IntStream.rangeClosed(1, users).filter(n -> TeamTenant.team(n) == team && !gone.contains(n))
                    .forEach(n -> members.add(userId(n)));
            if (k == 2 && extraMembersOfTeam2 != null) {
                members.clear();
                extraMembersOfTeam2.get(2).forEach(n -> members.add(userId(n)));
            }
            if (k == 1) {
                members.add(groupId(2));
            }
            if (k == 3) {
                members.add(groupId(4));
            }
            if (k == 5) {
                members.add("d5000000-0000-4000-8000-000000000005");
            }
            graph.group(groupId(k), names.getOrDefault(k, String.format("Team %02d", k)), members.toArray(String[]::new));
        }
    }

    @BeforeEach
    void start() {
        graph = GraphFake.start(20);
        graph.others.put("d5000000-0000-4000-8000-000000000005", "#microsoft.graph.device");
        IntStream.rangeClosed(1, users).forEach(this::addUser);
        writeGroups(Map.of(), null);
        sandbox = TestSandbox.builder().start();
        instance = new E2e.Instance(instanceDir).with(graph.settings()).with(E2e.bitwarden(sandbox))
                .set("sync.remove-disabled", "true");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        graph.close();
    }

    // ------------------------------------------------------------------ expectations, from the rules above

    private Map<String, String> expectedMembers() {
        return tenant.expectedMembers();
    }

    /** group id → member emails, flattened: a team's users, and those of the team it nests. */
    private Map<String, Set<String>> expectedGroups(Map<Integer, List<Integer>> team2) {
        return tenant.expectedGroups(k -> (k == 1 ? IntStream.of(1, 2) : k == 3 ? IntStream.of(3, 4) : IntStream.of(k))
                .flatMap(t -> t == 2 && team2 != null ? team2.get(2).stream().mapToInt(n -> n) : tenant.teamUsers(t)));
    }

    // ------------------------------------------------------------------ the test

    @Test
    void testSyncThrottlingAFailedPageAndConvergence() throws Exception {
        // dirsync test: exactly these users and groups, ids as Graph spells them
        CommandLineRun test = instance.run("test");
        assertThat(test.exitCode()).as(test.stderr()).isZero();
        JsonNode json = E2e.JSON.readTree(test.stdout());
        Map<String, String> enabled = new TreeMap<>();
        json.get("enabledUsers").forEach(u -> enabled.put(u.get("externalId").asText(), u.get("displayName").asText()));
        assertThat(enabled).isEqualTo(expectedMembers());
        Map<String, String> disabled = new TreeMap<>();
        json.get("disabledUsers").forEach(u -> disabled.put(u.get("externalId").asText(), u.get("displayName").asText()));
        assertThat(disabled).containsOnlyKeys(userId(50), userId(100), userId(150), userId(200), userId(250))
                .containsEntry(userId(50), "user050@contoso.com");
        assertThat(json.get("deletedUsers")).isEmpty();
        assertThat(json.get("groups")).hasSize(20);
        JsonNode team1 = json.get("groups").get(0);
        assertThat(team1.get("externalId").asText()).isEqualTo(groupId(1));
        assertThat(team1.get("displayName").asText()).isEqualTo("Team 01");
        // Team 01: users 1, 21, …, 241 and, nested, Team 02's 2, 22, …, 242; the disabled 50th users are not there
        List<String> team1Ids = new ArrayList<>();
        team1.get("userIds").forEach(id -> team1Ids.add(id.asText()));
        assertThat(team1Ids).hasSize(26).contains(userId(1), userId(241), userId(2), userId(242));

        // sync: two throttled pages waited for as Graph asks, then the organization exact
        graph.failNext("/v1.0/users", 2, 429, "1");
        instance.sync();
        List<GraphFake.Request> userPages = graph.graphRequests().stream()
                .filter(r -> r.path().equals("/v1.0/users")).toList();
        assertThat(userPages).extracting(GraphFake.Request::status).endsWith(429, 429, 200, 200, 200, 200, 200, 200,
                200, 200, 200, 200, 200, 200, 200);
        E2e.assertRetryAfterHonoured(userPages, userPages.size() - 15, 2);
        assertThat(linkedMembers(sandbox)).isEqualTo(expectedMembers());
        assertThat(groupMembers(sandbox)).isEqualTo(expectedGroups(null));
        Map<String, String> membersBefore = linkedMembers(sandbox);
        Map<String, Set<String>> groupsBefore = groupMembers(sandbox);

        // the directory changes: +24 users, one deleted, one gone, one disabled, a group renamed, Team 02 re-membered
        for (int n = 251; n <= 274; n++) {
            addUser(n);
        }
        users = 274;
        gone.add(20);
        gone.add(21);
        graph.users.remove(userId(20));
        graph.users.remove(userId(21));
        disabledLater.add(22);
        addUser(22);
        Map<Integer, List<Integer>> team2 = Map.of(2, List.of(3, 23, 43, 62));
        writeGroups(Map.of(6, "Team Six"), team2);

        // page 2 of the users fails every time: exit 1 within 30 s, nothing sent
        graph.failPage("/v1.0/users", 2, 500);
        assertThat(syncFailsClosed(instance, sandbox, membersBefore, groupsBefore))
                .contains("Microsoft Graph answered 500").contains("/v1.0/users");

        // the fault clears: the organization converges
        graph.clearFaults();
        String summary = instance.sync();
        assertThat(summary).startsWith("Synced: 24 invited, 3 removed,");
        assertThat(linkedMembers(sandbox)).isEqualTo(expectedMembers());
        assertThat(groupMembers(sandbox)).isEqualTo(expectedGroups(team2));
        assertThat(groupNames(sandbox)).containsEntry(groupId(6), "Team Six");
    }
}
