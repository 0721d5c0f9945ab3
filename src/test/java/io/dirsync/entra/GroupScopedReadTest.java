package io.dirsync.entra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.testing.CommandLineRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a group-scoped read costs (bwdc's issue #83): a tenant of 20,000 users in 300 groups, pages of up to 999 as
 * Graph serves them, one 200-person group synced. Each count is the requests the fake received: tokens and Graph.
 */
class GroupScopedReadTest {

    private static final int USERS = 20_000;
    private static final int GROUPS = 300;
    private static final String SALES = groupId(7);
    private static GraphFake graph;

    @TempDir
    Path instanceDir;

    private final Map<String, String> settings = new LinkedHashMap<>();

    static String userId(int n) {
        return String.format("%08x-0000-4000-8000-%012d", n, n);
    }

    static String groupId(int k) {
        return String.format("%08x-1111-4000-8000-%012d", k, k);
    }

    @BeforeAll
    static void tenant() {
        graph = GraphFake.start(999);
        for (int n = 1; n <= USERS; n++) {
            graph.user(userId(n), "user" + n + "@contoso.com", "user" + n + "@contoso.onmicrosoft.com", true);
        }
        for (int k = 1; k <= GROUPS; k++) {
            List<String> members = new ArrayList<>();
            int size = k == 7 ? 200 : 60;
            for (int i = 0; i < size; i++) {
                members.add(userId((k * 61 + i) % USERS + 1));
            }
            graph.group(groupId(k), k == 7 ? "Sales" : "Group " + k, members.toArray(String[]::new));
        }
    }

    @AfterAll
    static void stop() {
        graph.close();
    }

    @BeforeEach
    void settings() {
        settings.putAll(graph.settings());
    }

    private JsonNode test() throws IOException {
        List<String> lines = new ArrayList<>();
        settings.forEach((key, value) -> lines.add(key + "=" + value));
        Path file = instanceDir.resolve("application.properties");
        Files.write(file, lines);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        int before = graph.requests().size();
        CommandLineRun run = CommandLineRun.of("test", "--config", instanceDir.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        calls = graph.requests().size() - before;
        return new ObjectMapper().readTree(run.stdout());
    }

    private int calls;

    @Test
    void oneGroupsUsersWithoutGroupsCostTwoCalls() throws IOException {
        settings.put("sync.user-filter", "includeGroup:" + SALES);
        settings.put("sync.groups", "false");

        JsonNode json = test();

        assertThat(json.get("enabledUsers")).hasSize(200);
        assertThat(calls).as("a token and one page of Sales' transitive members").isEqualTo(2);
    }

    @Test
    void oneGroupWithItsUsersCostsFourCalls() throws IOException {
        settings.put("sync.user-filter", "includeGroup:Sales");
        settings.put("sync.group-filter", "include:Sales");

        JsonNode json = test();

        assertThat(json.get("enabledUsers")).hasSize(200);
        assertThat(json.get("groups")).hasSize(1);
        assertThat(json.get("groups").get(0).get("userIds")).hasSize(200);
        assertThat(calls).as("a token, the group list, Sales' members, Sales' transitive members").isEqualTo(4);
    }

    @Test
    void theWholeTenantCostsAPageOfUsersPer999AndAMemberListPerGroup() throws IOException {
        JsonNode json = test();

        assertThat(json.get("enabledUsers")).hasSize(USERS);
        assertThat(calls).as("a token, 21 pages of users, the group list, 300 member lists").isEqualTo(1 + 21 + 1 + 300);
    }
}
