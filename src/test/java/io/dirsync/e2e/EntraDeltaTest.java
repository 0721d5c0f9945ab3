package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.groupMembers;
import static io.dirsync.e2e.E2e.groupNames;
import static io.dirsync.e2e.E2e.linkedMembers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dirsync.entra.GraphFake;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code entra.delta=true} end to end: a sync of an instance reading by delta query, and the same sync of an
 * instance reading everything, from one Graph fake (2 objects a page, so that every round has several pages and a
 * large group's members come in several items) into two sandboxes. After any change of the directory, both runs must
 * print the same summary and leave the same organization, and the delta instance must have asked Graph only for
 * changes.
 */
class EntraDeltaTest {

    static final String ADA = "0a3c5e7f-1b2d-4c6e-8f0a-1b2c3d4e5f60";
    static final String GRACE = "1b4d6f80-2c3e-4d7f-9a1b-2c3d4e5f6071";
    static final String ALAN = "2c5e7091-3d4f-4e80-ab2c-3d4e5f607182";
    static final String LINUS = "3d6f81a2-4e50-4f91-bc3d-4e5f60718293";
    static final String GUEST = "4e7092b3-5f61-40a2-8d4e-5f60718293a4";
    static final String KEN = "5f8103c4-6072-41b3-9e5f-60718293a4b5";
    static final String BARBARA = "6a9214d5-7183-42c4-8f60-718293a4b5c6";
    static final String ENGINEERING = "a1000000-0000-4000-8000-00000000000a";
    static final String PLATFORM = "b2000000-0000-4000-8000-00000000000b";
    static final String EVERYONE = "c3000000-0000-4000-8000-00000000000c";
    static final String DEVICE = "d4000000-0000-4000-8000-00000000000d";
    static final List<String> DELTA_PATHS = List.of("/v1.0/users/delta", "/v1.0/groups/delta");

    @TempDir
    Path deltaDir;
    @TempDir
    Path fullDir;

    private GraphFake graph;
    private TestSandbox deltaSandbox;
    private TestSandbox fullSandbox;
    private E2e.Instance delta;
    private E2e.Instance full;

    @BeforeEach
    void start() {
        graph = GraphFake.start(2);
        graph.user(ADA, "ada@contoso.com", "ada@contoso.onmicrosoft.com", true);
        graph.user(GRACE, null, "grace@contoso.com", true);
        graph.user(ALAN, "alan@contoso.onmicrosoft.com", "alan@contoso.com", true);
        graph.user(LINUS, "linus@contoso.com", "linus@contoso.com", true);
        graph.user(GUEST, null, "guest_fabrikam.com#EXT#@contoso.onmicrosoft.com", true);
        graph.others.put(DEVICE, "#microsoft.graph.device");
        graph.group(ENGINEERING, "Engineering", ADA, PLATFORM, DEVICE);
        graph.group(PLATFORM, "Platform", GRACE, ALAN);
        graph.group(EVERYONE, "Everyone", ADA, GRACE, ALAN, LINUS, GUEST);
        deltaSandbox = TestSandbox.builder().start();
        fullSandbox = TestSandbox.builder().start();
        delta = new E2e.Instance(deltaDir).with(graph.settings()).with(E2e.bitwarden(deltaSandbox))
                .set("sync.remove-disabled", "true").set("sync.max-deletions", "100%").set("entra.delta", "true");
        full = new E2e.Instance(fullDir).with(graph.settings()).with(E2e.bitwarden(fullSandbox))
                .set("sync.remove-disabled", "true").set("sync.max-deletions", "100%");
    }

    @AfterEach
    void stop() {
        deltaSandbox.close();
        fullSandbox.close();
        graph.close();
    }

    /** A sync of an instance: its summary line, its log, and the Graph requests it made. */
    private record Run(String summary, String log, List<GraphFake.Request> requests) {
        String fullReadReason() {
            return log.lines().filter(l -> l.contains("Full read: ")).map(l -> l.substring(l.indexOf("Full read: ") + 11))
                    .findFirst().orElse(null);
        }

        /** Only delta rounds that go on from a link (a $deltatoken, or a $skiptoken of such a round). */
        boolean onlyChangesAsked() {
            return !requests.isEmpty() && requests.stream().allMatch(r -> DELTA_PATHS.contains(r.path())
                    && (r.query().containsKey("$deltatoken") || r.query().containsKey("$skiptoken")));
        }
    }

    private Run sync(E2e.Instance instance, String... flags) {
        int before = graph.graphRequests().size();
        List<String> args = new java.util.ArrayList<>(List.of("sync"));
        args.addAll(List.of(flags));
        CommandLineRun run = instance.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as("exit code of sync; stderr:\n%s", run.stderr()).isZero();
        List<GraphFake.Request> requests = graph.graphRequests();
        return new Run(run.stdout().strip(), run.stderr(), requests.subList(before, requests.size()));
    }

    /** Syncs both instances: the same summary, the same organization; returns the delta instance's run. */
    private Run syncBoth(String... flags) {
        Run byDelta = sync(delta, flags);
        Run everything = sync(full, flags);
        assertThat(byDelta.summary()).isEqualTo(everything.summary());
        assertThat(linkedMembers(deltaSandbox)).isEqualTo(linkedMembers(fullSandbox));
        assertThat(groupMembers(deltaSandbox)).isEqualTo(groupMembers(fullSandbox));
        assertThat(groupNames(deltaSandbox)).isEqualTo(groupNames(fullSandbox));
        return byDelta;
    }

    private Path cacheFile() {
        return deltaDir.resolve("cache").resolve("entra-delta.json");
    }

    private String keptUsersToken() throws Exception {
        String link = E2e.JSON.readTree(cacheFile().toFile()).get("usersLink").asText();
        return link.substring(link.indexOf("$deltatoken=") + "$deltatoken=".length());
    }

    /** Two new people, one deleted, one disabled, a group renamed, members moved between groups. */
    private void changeTheDirectory() {
        graph.user(KEN, "ken@contoso.com", "ken@contoso.com", true);
        graph.user(BARBARA, "barbara@contoso.com", "barbara@contoso.com", true);
        graph.users.remove(LINUS);
        graph.user(ALAN, "alan@contoso.onmicrosoft.com", "alan@contoso.com", false);
        graph.group(PLATFORM, "Platform Team", GRACE, KEN, BARBARA);
        graph.group(ENGINEERING, "Engineering", PLATFORM, DEVICE);
        graph.group(EVERYONE, "Everyone", ADA, GRACE, ALAN, LINUS, GUEST, KEN, BARBARA);
    }

    @Test
    void afterAChangeTheSyncAsksOnlyForChangesAndEndsWhereAFullReadDoes() throws Exception {
        Run first = syncBoth();
        assertThat(first.summary()).startsWith("Synced: 4 invited, 0 removed, 3 groups updated");
        assertThat(first.fullReadReason()).isEqualTo("no delta links yet");
        // a full read by delta queries: everything, and the links to go on from; no other list is read
        assertThat(first.requests()).extracting(GraphFake.Request::path).containsOnlyElementsOf(DELTA_PATHS);
        assertThat(first.requests()).filteredOn(r -> r.query().containsKey("$select")).extracting(r -> r.query().get("$select"))
                .containsExactly("id,mail,userPrincipalName,accountEnabled", "displayName,members");
        assertThat(cacheFile()).isRegularFile();

        changeTheDirectory();
        Run second = syncBoth();

        assertThat(second.summary()).isEqualTo("Synced: 2 invited, 2 removed, 3 groups updated; 2 users and 0 groups"
                + " unchanged");
        assertThat(second.fullReadReason()).isNull();
        assertThat(second.onlyChangesAsked()).as("%s", second.requests()).isTrue();
        assertThat(groupNames(deltaSandbox)).containsEntry(PLATFORM, "Platform Team");

        Run third = syncBoth();
        assertThat(third.summary()).isEqualTo("Nothing to sync");
        assertThat(third.onlyChangesAsked()).isTrue();
        assertThat(third.requests()).as("no change: one page of each, empty, with a new link").hasSize(2);
    }

    @Test
    void excludeGroupIsFollowedFromTheMergedGroups() {
        delta.set("sync.user-filter", "excludeGroup:" + PLATFORM);
        full.set("sync.user-filter", "excludeGroup:" + PLATFORM);
        syncBoth();

        changeTheDirectory();
        Run second = syncBoth();

        assertThat(second.onlyChangesAsked()).isTrue();
        assertThat(linkedMembers(deltaSandbox)).doesNotContainKeys(GRACE, KEN, BARBARA).containsKey(ADA);
    }

    @Test
    void aLinkGraphRefusesMeansAFullReadThenDeltaAgain() {
        syncBoth();

        graph.expireDeltaLinks();
        changeTheDirectory();
        Run expired = syncBoth();
        assertThat(expired.fullReadReason()).startsWith("Microsoft Graph refused the delta link (Microsoft Graph"
                + " answered 400 to GET ").contains("syncStateNotFound");
        assertThat(expired.requests()).filteredOn(r -> r.query().containsKey("$select")).hasSize(2);

        graph.resetDeltaLinks();
        graph.user(LINUS, "linus@contoso.com", "linus@contoso.com", true);
        Run reset = syncBoth();
        assertThat(reset.fullReadReason()).startsWith("Microsoft Graph refused the delta link (Microsoft Graph answered"
                + " 410 to GET ").contains("resyncRequired");
        assertThat(reset.summary()).startsWith("Synced: 1 invited, 0 removed");

        Run after = syncBoth();
        assertThat(after.fullReadReason()).isNull();
        assertThat(after.onlyChangesAsked()).isTrue();
    }

    @Test
    void fullEverySyncFullAndChangedSettingsReadFully() throws Exception {
        delta.set("sync.full-every", "24h");
        full.set("sync.full-every", "24h");
        syncBoth();

        ObjectNode cache = (ObjectNode) E2e.JSON.readTree(cacheFile().toFile());
        Instant dayAgo = Instant.now().minus(25, ChronoUnit.HOURS);
        cache.put("fullReadAt", dayAgo.toString());
        E2e.JSON.writeValue(cacheFile().toFile(), cache);
        Run due = sync(delta);
        assertThat(due.fullReadReason()).isEqualTo("the last full read was at " + dayAgo
                + " (a full read every sync.full-every, 1d)");
        assertThat(sync(delta).onlyChangesAsked()).as("the full read started a new day").isTrue();

        assertThat(sync(delta, "--full").fullReadReason()).isEqualTo("asked for (sync --full)");

        delta.set("sync.group-filter", "exclude:Everyone");
        assertThat(sync(delta).fullReadReason()).isEqualTo("settings changed since the delta links were kept");
    }

    @Test
    void aFailedPushOrADryRunLeavesTheLinkWhereTheLastCommittedSyncLeftIt() throws Exception {
        syncBoth();
        byte[] committed = Files.readAllBytes(cacheFile());
        String token = keptUsersToken();

        graph.user(KEN, "ken@contoso.com", "ken@contoso.com", true);
        deltaSandbox.failNext(1, 400, null);
        CommandLineRun failed = delta.run("sync");
        assertThat(failed.exitCode()).as(failed.stderr()).isEqualTo(1);
        assertThat(Files.readAllBytes(cacheFile())).as("a failed push keeps the link").isEqualTo(committed);

        CommandLineRun dryRun = delta.run("sync", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.stderr()).isZero();
        assertThat(Files.readAllBytes(cacheFile())).as("a dry run keeps the link").isEqualTo(committed);

        Run next = syncBoth();
        assertThat(next.summary()).startsWith("Synced: 1 invited, 0 removed");
        assertThat(next.onlyChangesAsked()).isTrue();
        assertThat(next.requests().get(0).query()).containsEntry("$deltatoken", token);
        assertThat(keptUsersToken()).isNotEqualTo(token);
    }

    @Test
    void clearCacheForgetsTheLinks() {
        syncBoth();

        CommandLineRun clear = delta.run("clear-cache");

        assertThat(clear.exitCode()).as(clear.stderr()).isZero();
        assertThat(deltaDir.resolve("cache")).doesNotExist();
        Run next = sync(delta);
        assertThat(next.fullReadReason()).isEqualTo("no delta links yet");
        assertThat(cacheFile()).isRegularFile();
    }

    @Test
    void testAndGroupScopedReadsDoNotUseDelta() {
        CommandLineRun test = delta.run("test");
        assertThat(test.exitCode()).as(test.stderr()).isZero();
        assertThat(graph.graphRequests()).extracting(GraphFake.Request::path).doesNotContainAnyElementsOf(DELTA_PATHS);

        delta.set("sync.user-filter", "includeGroup:" + PLATFORM);
        Run scoped = sync(delta);
        assertThat(scoped.requests()).extracting(GraphFake.Request::path).doesNotContainAnyElementsOf(DELTA_PATHS)
                .contains("/v1.0/groups/" + PLATFORM + "/transitiveMembers");
        assertThat(deltaDir.resolve("cache")).doesNotExist();
    }
}
