package io.dirsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.entra.GraphFake;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What delta queries save: a tenant of 5,000 users in 100 groups of 50, pages of up to 999 objects as Graph serves
 * them (a group's members counted). Each count is the requests the fake received, the token's included.
 */
class EntraDeltaCostTest {

    private static final int USERS = 5_000;
    private static final int GROUPS = 100;

    @TempDir
    Path instanceDir;

    private GraphFake graph;
    private TestSandbox sandbox;
    private E2e.Instance instance;

    static String userId(int n) {
        return String.format("%08x-0000-4000-8000-%012d", n, n);
    }

    static String groupId(int k) {
        return String.format("%08x-1111-4000-8000-%012d", k, k);
    }

    private void group(int k, int size) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(userId((k * 50 + i) % USERS + 1));
        }
        graph.group(groupId(k), "Group " + k, members.toArray(String[]::new));
    }

    @BeforeEach
    void start() {
        graph = GraphFake.start(999);
        for (int n = 1; n <= USERS; n++) {
            graph.user(userId(n), "user" + n + "@contoso.com", "user" + n + "@contoso.onmicrosoft.com", true);
        }
        for (int k = 1; k <= GROUPS; k++) {
            group(k, 50);
        }
        sandbox = TestSandbox.builder().start();
        instance = new E2e.Instance(instanceDir).with(graph.settings()).with(E2e.bitwarden(sandbox))
                .set("sync.max-deletions", "100%");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        graph.close();
    }

    private int calls(String... command) {
        int before = graph.requests().size();
        long started = System.nanoTime();
        CommandLineRun run = instance.run(command);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        int calls = graph.requests().size() - before;
        System.out.printf("%s (%s): %d requests to Entra ID, %d ms%n", String.join(" ", command),
                instance.settings.getOrDefault("entra.delta", "false").equals("true") ? "delta" : "no delta", calls,
                (System.nanoTime() - started) / 1_000_000);
        return calls;
    }

    @Test
    void aSyncAfterAFewChangesCostsThreeRequestsInsteadOfOnePerGroup() {
        assertThat(calls("sync")).as("a token, 6 pages of users, the group list, 100 member lists")
                .isEqualTo(1 + 6 + 1 + 100);

        instance.set("entra.delta", "true");
        assertThat(calls("sync")).as("a token, 6 pages of users, 6 of groups with their members")
                .isEqualTo(1 + 6 + 6);

        for (int n = USERS + 1; n <= USERS + 10; n++) {
            graph.user(userId(n), "user" + n + "@contoso.com", "user" + n + "@contoso.onmicrosoft.com", true);
        }
        graph.users.remove(userId(1));
        group(7, 60);
        assertThat(calls("sync")).as("a token, one page of changed users, one of changed groups").isEqualTo(3);
        assertThat(E2e.linkedMembers(sandbox)).hasSize(USERS + 10 - 1);
    }
}
