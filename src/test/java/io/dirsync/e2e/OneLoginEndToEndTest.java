package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.groupMembers;
import static io.dirsync.e2e.E2e.groupNames;
import static io.dirsync.e2e.E2e.linkedMembers;
import static io.dirsync.e2e.E2e.syncFailsClosed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.onelogin.OneLoginFake;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import java.nio.file.Path;
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
 * {@code directory.type=onelogin} end to end through the CLI: a OneLogin fake of 250 users and 20 roles served 20 to a
 * page, and the Bitwarden sandbox. The directory, and what the organization must hold, follow the rules written below
 * (by hand, not by the reader): user n has id {@code 41000000 + n}, is {@code user<nnn>@example.eu} and holds role
 * {@code (n-1) % 20 + 1}; user 7's email is no address but its username {@code " user007@example.eu "} is; user 8 has
 * neither (left out, named); user 13 is locked (3) and user 14 unactivated (0), both active; every 50th user is
 * suspended (2: disabled, and removed: sync.remove-disabled=true).
 */
class OneLoginEndToEndTest {

    @TempDir
    Path instanceDir;

    private OneLoginFake onelogin;
    private TestSandbox sandbox;
    private E2e.Instance instance;
    private final Set<Integer> gone = new TreeSet<>();
    private final Set<Integer> suspendedLater = new TreeSet<>();
    private int users = 250;
    private final TeamTenant tenant = new TeamTenant(() -> users, OneLoginEndToEndTest::userId,
            OneLoginEndToEndTest::email, OneLoginEndToEndTest::roleId, n -> !gone.contains(n) && status(n) != 2);

    static String userId(int n) {
        return String.valueOf(41000000 + n);
    }

    static String roleId(int k) {
        return String.valueOf(268400 + k);
    }

    /** The address dirsync must use for user n; null for user 8. */
    static String email(int n) {
        return n == 8 ? null : String.format("user%03d@example.eu", n);
    }

    private int status(int n) {
        return n % 50 == 0 || suspendedLater.contains(n) ? 2 : n == 13 ? 3 : n == 14 ? 0 : 1;
    }

    private void addUser(int n) {
        String email = switch (n) {
            case 7 -> "not-an-address";
            case 8 -> null;
            default -> email(n);
        };
        String username = switch (n) {
            case 7 -> " user007@example.eu ";
            case 8 -> "user008";
            default -> String.format("user%03d", n);
        };
        onelogin.user(41000000L + n, email, username, status(n), 268400L + TeamTenant.team(n));
    }

    private void writeRoles(Map<Integer, String> names) {
        for (int k = 1; k <= TeamTenant.TEAMS; k++) {
            onelogin.role(268400L + k, names.getOrDefault(k, TeamTenant.teamName(k)));
        }
    }

    @BeforeEach
    void start() {
        onelogin = OneLoginFake.start(20);
        IntStream.rangeClosed(1, users).forEach(this::addUser);
        writeRoles(Map.of());
        sandbox = TestSandbox.builder().start();
        instance = new E2e.Instance(instanceDir).with(onelogin.settings()).with(E2e.bitwarden(sandbox))
                .set("sync.remove-disabled", "true");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        onelogin.close();
    }

    // ------------------------------------------------------------------ expectations, from the rules above

    /** The users role k holds: its team's, less those gone. */
    private IntStream roleUsers(int k) {
        return tenant.teamUsers(k).filter(n -> !gone.contains(n));
    }

    private Map<String, String> expectedMembers() {
        return tenant.expectedMembers();
    }

    /** role id → member emails. */
    private Map<String, Set<String>> expectedGroups() {
        return tenant.expectedGroups(this::roleUsers);
    }

    /** {@code dirsync test}'s whole output, from the rules. */
    private JsonNode expectedTest() {
        return tenant.expectedTest(this::roleUsers, n -> status(n) != 2 && email(n) != null, n -> status(n) == 2,
                n -> false);
    }

    // ------------------------------------------------------------------ the test

    @Test
    void testSyncThrottlingAFailedPageAndConvergence() throws Exception {
        // dirsync test: exactly these users and roles, ids as OneLogin's numbers in decimal
        CommandLineRun test = instance.run("test");
        assertThat(test.exitCode()).as(test.stderr()).isZero();
        JsonNode json = E2e.JSON.readTree(test.stdout());
        assertThat(json).isEqualTo(expectedTest());
        assertThat(json.get("enabledUsers")).hasSize(244);
        assertThat(json.get("enabledUsers").get(6).toString())
                .isEqualTo("{\"externalId\":\"41000007\",\"displayName\":\"user007@example.eu\"}");
        assertThat(json.get("disabledUsers").findValuesAsText("externalId"))
                .containsExactly("41000050", "41000100", "41000150", "41000200", "41000250");
        assertThat(test.stderr()).contains("Left out user 41000008: no email");

        // sync: two throttled pages waited for as OneLogin asks, then the organization exact
        onelogin.throttleNext("/api/1/users", 2, 1);
        instance.sync();
        List<OneLoginFake.Request> userPages = onelogin.requests("/api/1/users");
        // 250 users at 20 a page: 13 pages after the two 429s
        assertThat(userPages.subList(userPages.size() - 15, userPages.size())).extracting(OneLoginFake.Request::status)
                .containsExactly(429, 429, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200);
        E2e.assertRetryAfterHonoured(userPages, userPages.size() - 15, 2);
        assertThat(linkedMembers(sandbox)).isEqualTo(expectedMembers());
        assertThat(groupMembers(sandbox)).isEqualTo(expectedGroups());
        Map<String, String> membersBefore = linkedMembers(sandbox);
        Map<String, Set<String>> groupsBefore = groupMembers(sandbox);

        // the directory changes: +24 users, one deleted and one gone (OneLogin reports neither: both are absent),
        // one suspended, a role renamed
        users = 274;
        IntStream.rangeClosed(251, 274).forEach(this::addUser);
        gone.add(20);
        gone.add(21);
        onelogin.users.remove(41000020L);
        onelogin.users.remove(41000021L);
        suspendedLater.add(22);
        addUser(22);
        writeRoles(Map.of(6, "Team Six"));

        // page 2 of the users fails every time: exit 1 within 30 s, nothing sent (bwdc would sync page 1)
        onelogin.failPage("/api/1/users", 2, 500);
        assertThat(syncFailsClosed(instance, sandbox, membersBefore, groupsBefore))
                .contains("OneLogin answered 500").contains("/api/1/users");

        // the fault clears: the organization converges
        onelogin.clearFaults();
        String summary = instance.sync();
        assertThat(summary).startsWith("Synced: 24 invited, 3 removed,");
        assertThat(linkedMembers(sandbox)).isEqualTo(expectedMembers());
        assertThat(groupMembers(sandbox)).isEqualTo(expectedGroups());
        assertThat(groupNames(sandbox)).containsEntry(roleId(6), "Team Six");
    }
}
