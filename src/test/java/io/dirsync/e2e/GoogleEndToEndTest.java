package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.groupMembers;
import static io.dirsync.e2e.E2e.groupNames;
import static io.dirsync.e2e.E2e.linkedMembers;
import static io.dirsync.e2e.E2e.syncFailsClosed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dirsync.google.GoogleFake;
import io.dirsync.google.GoogleFake.Member;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code directory.type=google} end to end through the CLI: a Directory API fake of 250 users and 20 groups served 20
 * to a page, and the Bitwarden sandbox. The directory, and what {@code test} must print and the organization hold,
 * follow the rules written below (by hand, not by the reader): user n is {@code user<nnn>@example.com} (user 7's
 * primary email written in capitals), in team {@code (n-1) % 20 + 1}; user 8 has two aliases; user 9 has no email
 * addresses (left out, never invited, still in its team's userIds); every 50th user is suspended and user 45 archived
 * (disabled, and removed: sync.remove-disabled=true; their memberships are not ACTIVE, so they are in no team);
 * two users deleted before the test are listed by {@code test} only. Team 01 nests Team 02, Team 03 nests Team 04,
 * Team 05 has an external member, Team 20 has the whole account (a CUSTOMER member).
 */
class GoogleEndToEndTest {

    @TempDir
    Path instanceDir;

    private GoogleFake google;
    private TestSandbox sandbox;
    private E2e.Instance instance;
    /** Users taken out of the directory, deleted in it, suspended in it later, by number. */
    private final Set<Integer> gone = new TreeSet<>();
    private final Set<Integer> deletedLater = new TreeSet<>();
    private final Set<Integer> suspendedLater = new TreeSet<>();
    private int users = 250;
    private final TeamTenant tenant = new TeamTenant(() -> users, GoogleEndToEndTest::userId, GoogleEndToEndTest::email,
            GoogleEndToEndTest::groupId, n -> present(n) && n != 9 && active(n));

    /** Google's user ids: 21 digits. */
    static String userId(int n) {
        return String.format("1%020d", n * 7919L);
    }

    /** Google's group ids: 15 lower-case letters and digits. */
    static String groupId(int k) {
        return String.format("03x%02dm%09d", k, k * 104729L);
    }

    static String email(int n) {
        return String.format("user%03d@example.com", n);
    }

    private boolean suspended(int n) {
        return n % 50 == 0 || suspendedLater.contains(n);
    }

    private static boolean archived(int n) {
        return n == 45;
    }

    private boolean active(int n) {
        return !suspended(n) && !archived(n);
    }

    private boolean present(int n) {
        return !gone.contains(n) && !deletedLater.contains(n);
    }

    private void addUser(int n) {
        String primary = n == 7 ? "USER007@Example.COM" : email(n);
        List<String> aliases = n == 8 ? List.of("u8@example.com", "eight@example.com") : List.of();
        google.users.put(userId(n), new GoogleFake.User(userId(n), primary, aliases, suspended(n), archived(n),
                deletedLater.contains(n), n != 9, "/"));
    }

    private void writeGroups(Map<Integer, String> names, List<Integer> team2) {
        for (int k = 1; k <= 20; k++) {
            List<Member> members = new ArrayList<>();
            int team = k;
            List<Integer> numbers = k == 2 && team2 != null ? team2
                    : IntStream.rangeClosed(1, users).filter(n -> TeamTenant.team(n) == team).boxed().toList();
            numbers.stream().filter(this::present).forEach(n -> members.add(GoogleFake.activeUser(userId(n), email(n))));
            if (k == 1 || k == 3) {
                members.add(GoogleFake.member("GROUP", groupId(k + 1), String.format("team%02d@example.com", k + 1),
                        "ACTIVE"));
            }
            if (k == 5) {
                members.add(GoogleFake.member("EXTERNAL", "109999999999999999999", "partner@gmail.com", "ACTIVE"));
            }
            if (k == 20) {
                members.add(GoogleFake.member("CUSTOMER", "C03az79cb", null, "ACTIVE"));
            }
            google.group(groupId(k), String.format("team%02d@example.com", k),
                    names.getOrDefault(k, String.format("Team %02d", k)), members.toArray(Member[]::new));
        }
    }

    @BeforeEach
    void start() {
        google = GoogleFake.start(20);
        IntStream.rangeClosed(1, users).forEach(this::addUser);
        google.users.put("199999999999999999001", new GoogleFake.User("199999999999999999001", "left@example.com",
                List.of(), false, false, true, true, "/"));
        google.users.put("199999999999999999002", new GoogleFake.User("199999999999999999002", "gone@example.com",
                List.of(), false, false, true, true, "/"));
        writeGroups(Map.of(), null);
        sandbox = TestSandbox.builder().start();
        instance = new E2e.Instance(instanceDir).with(google.settings()).with(E2e.bitwarden(sandbox))
                .set("sync.remove-disabled", "true");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        google.close();
    }

    // ------------------------------------------------------------------ expectations, from the rules above

    /** The users group k holds, flattened: its team's, those of the team it nests (or team2); Team 20 everyone. */
    private IntStream groupUsers(int k, List<Integer> team2) {
        IntStream teams = (k == 1 ? IntStream.of(1, 2) : k == 3 ? IntStream.of(3, 4) : IntStream.of(k))
                .flatMap(t -> t == 2 && team2 != null ? team2.stream().mapToInt(n -> n) : tenant.teamUsers(t));
        return k == 20 ? IntStream.concat(teams, tenant.numbers()) : teams;
    }

    /** {@code dirsync test}'s output before any change, built from the rules: only active users are in teams. */
    private ObjectNode expectedTest() {
        ObjectNode json = tenant.expectedTest(k -> groupUsers(k, null).filter(n -> k == 20 || active(n)),
                n -> n != 9 && active(n), n -> !active(n), n -> false);
        ArrayNode deleted = (ArrayNode) json.get("deletedUsers");
        deleted.addObject().put("externalId", "199999999999999999002").put("displayName", "gone@example.com");
        deleted.addObject().put("externalId", "199999999999999999001").put("displayName", "left@example.com");
        return json;
    }

    private Map<String, String> expectedMembers() {
        return tenant.expectedMembers();
    }

    /** group id → member emails, flattened: a team's active users, those of the team it nests; Team 20 everyone. */
    private Map<String, Set<String>> expectedGroups(List<Integer> team2) {
        return tenant.expectedGroups(k -> groupUsers(k, team2));
    }

    // ------------------------------------------------------------------ the test

    @Test
    void testSyncThrottlingAFailedPageAndConvergence() throws Exception {
        // dirsync test: exactly this, ids as Google spells them
        CommandLineRun test = instance.run("test");
        assertThat(test.exitCode()).as(test.stderr()).isZero();
        assertThat(E2e.JSON.readTree(test.stdout())).isEqualTo(expectedTest());
        assertThat(test.stderr()).contains(userId(9)).contains("no email address");

        // sync: two throttled pages waited for as Google asks, then the organization exact
        google.failNext("/admin/directory/v1/users", 2, 429, "1", "rateLimitExceeded");
        instance.sync();
        List<GoogleFake.Request> userPages = google.apiRequests().stream()
                .filter(r -> r.path().equals("/admin/directory/v1/users")).toList();
        List<Integer> lastRead = userPages.subList(userPages.size() - 15, userPages.size()).stream()
                .map(GoogleFake.Request::status).toList();
        assertThat(lastRead).startsWith(429, 429, 200).containsOnly(429, 200);
        E2e.assertRetryAfterHonoured(userPages, userPages.size() - 15, 2);
        assertThat(linkedMembers(sandbox)).isEqualTo(expectedMembers());
        assertThat(groupMembers(sandbox)).isEqualTo(expectedGroups(null));
        Map<String, String> membersBefore = linkedMembers(sandbox);
        Map<String, Set<String>> groupsBefore = groupMembers(sandbox);

        // the directory changes: +24 users, one deleted, one gone, one suspended, a group renamed, Team 02 re-membered
        for (int n = 251; n <= 274; n++) {
            addUser(n);
        }
        users = 274;
        deletedLater.add(20);
        addUser(20);
        gone.add(21);
        google.users.remove(userId(21));
        suspendedLater.add(22);
        addUser(22);
        List<Integer> team2 = List.of(3, 23, 43, 62);
        writeGroups(Map.of(6, "Team Six"), team2);

        // page 2 of the users fails every time: exit 1 within 30 s, nothing sent
        google.failPage("/admin/directory/v1/users", 2, 500);
        assertThat(syncFailsClosed(instance, sandbox, membersBefore, groupsBefore))
                .contains("Google's Directory API answered 500").contains("/users");

        // the fault clears: the organization converges
        google.clearFaults();
        String summary = instance.sync();
        assertThat(summary).startsWith("Synced: 24 invited, 3 removed,");
        assertThat(linkedMembers(sandbox)).isEqualTo(expectedMembers());
        assertThat(groupMembers(sandbox)).isEqualTo(expectedGroups(team2));
        assertThat(groupNames(sandbox)).containsEntry(groupId(6), "Team Six");
    }
}
