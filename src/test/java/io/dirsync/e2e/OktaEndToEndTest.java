package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.groupMembers;
import static io.dirsync.e2e.E2e.groupNames;
import static io.dirsync.e2e.E2e.linkedMembers;
import static io.dirsync.e2e.E2e.syncFailsClosed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.okta.OktaFake;
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
 * {@code directory.type=okta} end to end through the CLI: an Okta fake of 250 users and 20 groups served 20 to a page,
 * and the Bitwarden sandbox. The directory, and what the organization must hold, follow the rules written below (by
 * hand, not by the reader): user n is {@code user<nnn>@example.com} and belongs to team {@code (n-1) % 20 + 1}; user 7's
 * email is written {@code " User007@Example.COM "}, user 8 has none (left out, named), user 13 is LOCKED_OUT and user
 * 14 PASSWORD_EXPIRED (both active), every 50th user is SUSPENDED (disabled, and removed: sync.remove-disabled=true),
 * user 245 is DEPROVISIONED (deleted, in no team).
 */
class OktaEndToEndTest {

    @TempDir
    Path instanceDir;

    private OktaFake okta;
    private TestSandbox sandbox;
    private E2e.Instance instance;
    private final Set<Integer> gone = new TreeSet<>();
    private final Set<Integer> deprovisioned = new TreeSet<>(Set.of(245));
    private final Set<Integer> suspendedLater = new TreeSet<>();
    private int users = 250;
    private final TeamTenant tenant = new TeamTenant(() -> users, OktaEndToEndTest::userId, OktaEndToEndTest::email,
            OktaEndToEndTest::groupId, n -> !gone.contains(n) && active(n));

    /** Okta's ids are 20 characters, mixed case, and dirsync keeps them exactly so. */
    static String userId(int n) {
        return String.format("00u%05dAbCdEfGh%04d", n * 7, n).substring(0, 20);
    }

    static String groupId(int k) {
        return String.format("00g%05dMnOpQrSt%04d", k * 11, k).substring(0, 20);
    }

    /** The address dirsync must use for user n; null for user 8, who has none. */
    static String email(int n) {
        return n == 8 ? null : String.format("user%03d@example.com", n);
    }

    private String status(int n) {
        if (deprovisioned.contains(n)) {
            return "DEPROVISIONED";
        }
        if (n % 50 == 0 || suspendedLater.contains(n)) {
            return "SUSPENDED";
        }
        return n == 13 ? "LOCKED_OUT" : n == 14 ? "PASSWORD_EXPIRED" : "ACTIVE";
    }

    private void addUser(int n) {
        okta.user(userId(n), n == 7 ? " User007@Example.COM " : email(n), status(n));
    }

    /** The users group k lists: its team's, less those deleted or deprovisioned. */
    private IntStream groupUsers(int k) {
        return tenant.teamUsers(k).filter(n -> !gone.contains(n) && !deprovisioned.contains(n));
    }

    private void writeGroups(Map<Integer, String> names) {
        for (int k = 1; k <= TeamTenant.TEAMS; k++) {
            String[] members = groupUsers(k).mapToObj(OktaEndToEndTest::userId).toArray(String[]::new);
            okta.group(groupId(k), names.getOrDefault(k, TeamTenant.teamName(k)), members);
        }
    }

    @BeforeEach
    void start() {
        okta = OktaFake.start(20);
        IntStream.rangeClosed(1, users).forEach(this::addUser);
        writeGroups(Map.of());
        sandbox = TestSandbox.builder().start();
        instance = new E2e.Instance(instanceDir).with(okta.settings()).with(E2e.bitwarden(sandbox))
                .set("sync.remove-disabled", "true");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        okta.close();
    }

    // ------------------------------------------------------------------ expectations, from the rules above

    private boolean active(int n) {
        return status(n).equals("ACTIVE") || status(n).equals("LOCKED_OUT") || status(n).equals("PASSWORD_EXPIRED");
    }

    private Map<String, String> expectedMembers() {
        return tenant.expectedMembers();
    }

    /** group id → member emails. */
    private Map<String, Set<String>> expectedGroups() {
        return tenant.expectedGroups(this::groupUsers);
    }

    /** {@code dirsync test}'s whole output, from the rules. */
    private JsonNode expectedTest() {
        return tenant.expectedTest(this::groupUsers, n -> active(n) && email(n) != null,
                n -> status(n).equals("SUSPENDED"), n -> status(n).equals("DEPROVISIONED"));
    }

    // ------------------------------------------------------------------ the test

    @Test
    void testSyncThrottlingAFailedPageAndConvergence() throws Exception {
        // dirsync test: exactly these users and groups, ids as Okta spells them
        CommandLineRun test = instance.run("test");
        assertThat(test.exitCode()).as(test.stderr()).isZero();
        JsonNode json = E2e.JSON.readTree(test.stdout());
        assertThat(json).isEqualTo(expectedTest());
        assertThat(json.get("enabledUsers")).hasSize(243);
        assertThat(json.get("enabledUsers").get(6).toString())
                .isEqualTo("{\"externalId\":\"00u00049AbCdEfGh0007\",\"displayName\":\"user007@example.com\"}");
        assertThat(json.get("deletedUsers").toString())
                .isEqualTo("[{\"externalId\":\"00u01715AbCdEfGh0245\",\"displayName\":\"user245@example.com\"}]");
        assertThat(test.stderr()).contains("Left out user 00u00056AbCdEfGh0008: no email");

        // sync: two throttled pages waited for as Okta asks, then the organization exact
        okta.throttleNext("/api/v1/users", 2, 1);
        instance.sync();
        List<OktaFake.Request> userPages = okta.requests("/api/v1/users").stream()
                .filter(r -> r.query().get("filter") == null).toList();
        // 249 listed users (245 is deprovisioned) at 20 a page: 13 pages after the two 429s
        assertThat(userPages.subList(userPages.size() - 15, userPages.size())).extracting(OktaFake.Request::status)
                .containsExactly(429, 429, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200);
        E2e.assertRetryAfterHonoured(userPages, userPages.size() - 15, 2);
        assertThat(linkedMembers(sandbox)).isEqualTo(expectedMembers());
        assertThat(groupMembers(sandbox)).isEqualTo(expectedGroups());
        Map<String, String> membersBefore = linkedMembers(sandbox);
        Map<String, Set<String>> groupsBefore = groupMembers(sandbox);

        // the directory changes: +24 users, one deprovisioned, one deleted outright, one suspended, a group renamed
        users = 274;
        IntStream.rangeClosed(251, 274).forEach(this::addUser);
        deprovisioned.add(20);
        addUser(20);
        gone.add(21);
        okta.users.remove(userId(21));
        suspendedLater.add(22);
        addUser(22);
        writeGroups(Map.of(6, "Team Six"));

        // page 2 of the users fails every time: exit 1 within 30 s, nothing sent
        okta.failPage("/api/v1/users", 2, 500);
        assertThat(syncFailsClosed(instance, sandbox, membersBefore, groupsBefore))
                .contains("Okta answered 500").contains("/api/v1/users");

        // the fault clears: the organization converges
        okta.clearFaults();
        String summary = instance.sync();
        assertThat(summary).startsWith("Synced: 24 invited, 3 removed,");
        assertThat(linkedMembers(sandbox)).isEqualTo(expectedMembers());
        assertThat(groupMembers(sandbox)).isEqualTo(expectedGroups());
        assertThat(groupNames(sandbox)).containsEntry(groupId(6), "Team Six");
    }
}
