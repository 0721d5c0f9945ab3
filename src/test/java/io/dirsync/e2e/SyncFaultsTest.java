package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.groupMembers;
import static io.dirsync.e2e.E2e.linkedMembers;
import static io.dirsync.e2e.E2e.oneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.dirsync.sandbox.Member;
import io.dirsync.sandbox.RecordedRequest;
import io.dirsync.sandbox.RecordedTokenRequest;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an admin sees when things go wrong during {@code dirsync sync}: the Bitwarden server throttling, failing,
 * rejecting the token or the request, or unreachable; the directory unreachable; a directory that lost most of its
 * users. Each time: the exit code, one line on stderr that says what to check, what was (not) sent, and an
 * organization and applied state that are either untouched or exact.
 */
class SyncFaultsTest {

    private static final String BASE = "dc=faults,dc=example";

    @TempDir
    Path instanceDir;

    private MemoryDirectory directory;
    private TestSandbox sandbox;

    @BeforeEach
    void start() throws LDAPException {
        directory = new MemoryDirectory(BASE, true);
        sandbox = TestSandbox.builder().start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        directory.close();
    }

    private E2e.Instance instance(Map<String, String> search) {
        return new E2e.Instance(instanceDir)
                .with(directory.settings())
                .with(search)
                .with(E2e.bitwarden(sandbox))
                .set("bitwarden.retry-for", "20s");
    }

    private Company company() throws LDAPException {
        Company company = new Company(BASE);
        directory.add(company.entries());
        return company;
    }

    // ------------------------------------------------------------------ (a) throttled, then a server error

    @Test
    void twoThrottledAttemptsAndAServerErrorAreRetriedUntilTheBatchGoesThrough() throws Exception {
        Company company = company();
        E2e.Instance instance = instance(company.searchSettings(BASE));
        sandbox.failNext(2, 429, "1");
        // the sandbox takes one fault status at a time: once both 429s are answered, the next attempt gets a 500
        AtomicBoolean syncOver = new AtomicBoolean();
        CompletableFuture<Void> then500 = CompletableFuture.runAsync(() -> {
            E2e.await(Duration.ofSeconds(20), "two throttled attempts", () -> syncOver.get() || sandbox.requests().size() >= 2);
            sandbox.failNext(1, 500, null);
        });

        String summary;
        try {
            summary = instance.sync();
        } finally {
            syncOver.set(true);
        }
        then500.get(1, TimeUnit.SECONDS);

        assertThat(summary).startsWith("Synced: 5 invited, 0 removed, 5 groups updated;");
        List<RecordedRequest> attempts = sandbox.requests();
        assertThat(attempts).extracting(RecordedRequest::status).containsExactly(429, 429, 500, 200);
        assertThat(attempts.stream().map(RecordedRequest::body).distinct()).as("the same batch each time").hasSize(1);
        for (int i = 1; i < 3; i++) {
            assertThat(Duration.between(attempts.get(i - 1).receivedAt(), attempts.get(i).receivedAt()))
                    .as("Retry-After: 1 honoured before attempt %d", i + 1).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
        assertThat(sandbox.tokenRequests()).as("a 429 or 500 does not cost a token").hasSize(1);
        assertThat(linkedMembers(sandbox)).isEqualTo(company.usersBefore());
        assertThat(groupMembers(sandbox)).isEqualTo(company.groupsBefore());
    }

    // ------------------------------------------------------------------ (b) the token rejected

    @Test
    void aTokenRejectedMidRunIsRenewedAndTheSyncSucceeds() throws Exception {
        Company company = company();
        E2e.Instance instance = instance(company.searchSettings(BASE));
        instance.sync();
        company.applyChanges(directory.server());
        int imports = sandbox.requests().size();
        int tokens = sandbox.tokenRequests().size();
        sandbox.failNextWith401();

        String summary = instance.sync();

        assertThat(summary).startsWith("Synced: 1 invited, 1 removed, 4 groups updated, 1 group emptied;");
        List<RecordedRequest> attempts = E2e.importsSince(sandbox, imports);
        assertThat(attempts).extracting(RecordedRequest::status).containsExactly(401, 200);
        assertThat(attempts.get(1).body()).isEqualTo(attempts.get(0).body());
        List<RecordedTokenRequest> renewed = sandbox.tokenRequests().subList(tokens, sandbox.tokenRequests().size());
        assertThat(renewed).as("the run's token, then a new one after the 401").hasSize(2)
                .extracting(RecordedTokenRequest::status).containsOnly(200);
        assertThat(attempts.get(1).header("Authorization")).isNotEqualTo(attempts.get(0).header("Authorization"));
        assertThat(linkedMembers(sandbox)).isEqualTo(company.usersAfter());
        assertThat(groupMembers(sandbox)).isEqualTo(company.groupsAfter());
    }

    @Test
    void aTokenRejectedAgainAfterRenewalFailsTheRunWithOneLine() throws Exception {
        Company company = company();
        E2e.Instance instance = instance(company.searchSettings(BASE));
        sandbox.failNext(2, 401, null);

        String error = oneLineError(instance.run("sync"), 1);

        assertThat(error).contains("401").contains("bitwarden.client-secret");
        assertThat(sandbox.requests()).extracting(RecordedRequest::status).containsExactly(401, 401);
        assertThat(sandbox.tokenRequests()).hasSize(2);
        instance.assertNothingApplied();
    }

    // ------------------------------------------------------------------ (c) a crash between batches

    @Test
    void aServerDownBetweenBatchesLeavesTheStateAsItWasAndTheNextSyncRepairsWithoutDoubles() throws Exception {
        int teams = 25;
        directory.add(List.of("dn: ou=people," + BASE + "\nobjectClass: organizationalUnit\nou: people",
                "dn: ou=groups," + BASE + "\nobjectClass: organizationalUnit\nou: groups"));
        directory.add(people(0, teams));
        List<String> groups = new ArrayList<>();
        for (int t = 0; t < teams; t++) {
            groups.add("dn: " + team(t) + "\nobjectClass: groupOfNames\ncn: team" + t + "\nmember: " + person(t));
        }
        StringBuilder all = new StringBuilder("dn: cn=all,ou=groups," + BASE + "\nobjectClass: groupOfNames\ncn: all");
        for (int t = 0; t < teams; t++) {
            all.append("\nmember: ").append(team(t));
        }
        groups.add(all.toString());
        directory.add(groups);
        E2e.Instance instance = instance(Map.of("sync.user-path", "ou=people", "sync.group-path", "ou=groups"))
                .set("bitwarden.retry-for", "3s");
        assertThat(instance.sync()).startsWith("Synced: 25 invited, 0 removed, 26 groups updated;");
        JsonNode state = instance.applied();

        // the directory grows to 2,500 people: 2 member batches (2000 + 475), then one of groups
        int total = 2500;
        directory.add(people(teams, total));
        for (int t = 0; t < teams; t++) {
            List<String> members = new ArrayList<>();
            for (int u = teams + t; u < total; u += teams) {
                members.add(person(u));
            }
            directory.server().modify(team(t), new Modification(ModificationType.ADD, "member", members.toArray(new String[0])));
        }
        int before = sandbox.requests().size();
        sandbox.failAfter(1, 500);

        String error = oneLineError(instance.run("sync"), 1);

        assertThat(error).contains("500");
        assertThat(instance.applied()).as("the applied state is not advanced").isEqualTo(state);
        assertThat(instance.unsure().get("users")).as("what the failed run sent may be on the server")
                .hasSize(total - teams);
        List<RecordedRequest> crashed = E2e.importsSince(sandbox, before);
        assertThat(crashed.get(0).status()).isEqualTo(200);
        assertThat(E2e.body(crashed.get(0)).get("members")).hasSize(2000);
        assertThat(E2e.body(crashed.get(0)).get("largeImport").asBoolean()).isTrue();
        List<RecordedRequest> retried = crashed.subList(1, crashed.size());
        assertThat(retried).extracting(RecordedRequest::status).as("the second batch, retried until bitwarden.retry-for")
                .hasSizeGreaterThanOrEqualTo(2).containsOnly(500);
        assertThat(retried).extracting(r -> E2e.body(r).get("members").size()).containsOnly(total - teams - 2000);
        assertThat(retried).extracting(r -> E2e.body(r).get("groups").size()).as("groups never sent").containsOnly(0);

        sandbox.clearFaults();
        before = sandbox.requests().size();
        String summary = instance.sync();

        assertThat(summary).startsWith("Synced: " + (total - teams) + " invited, 0 removed, 26 groups updated;");
        List<RecordedRequest> repair = E2e.importsSince(sandbox, before);
        assertThat(repair).extracting(RecordedRequest::status).containsExactly(200, 200, 200);
        assertThat(repair).extracting(r -> E2e.body(r).get("members").size()).containsExactly(2000, total - teams - 2000, 0);
        assertThat(repair).extracting(r -> E2e.body(r).get("groups").size()).containsExactly(0, 0, teams + 1);
        Map<String, String> expected = new TreeMap<>();
        for (int u = 0; u < total; u++) {
            expected.put(person(u), email(u));
        }
        assertThat(linkedMembers(sandbox)).isEqualTo(expected);
        E2e.nobodyTwice(sandbox);
        assertThat(sandbox.members()).hasSize(total + 1);
        Map<String, Set<String>> groupMembers = groupMembers(sandbox);
        for (int t = 0; t < teams; t++) {
            Set<String> emails = new TreeSet<>();
            for (int u = t; u < total; u += teams) {
                emails.add(email(u));
            }
            assertThat(groupMembers.get(team(t))).as("team%d", t).isEqualTo(emails);
        }
        assertThat(groupMembers.get("cn=all,ou=groups," + BASE)).isEqualTo(new TreeSet<>(expected.values()));
    }

    private static String person(int u) {
        return String.format("uid=p%04d,ou=people,%s", u, BASE);
    }

    private static String email(int u) {
        return String.format("p%04d@faults.example", u);
    }

    private static String team(int t) {
        return "cn=team" + t + ",ou=groups," + BASE;
    }

    private static List<String> people(int from, int to) {
        List<String> people = new ArrayList<>();
        for (int u = from; u < to; u++) {
            people.add(String.format("dn: %s\nobjectClass: inetOrgPerson\nuid: p%04d\ncn: P %d\nsn: %d\nmail: %s",
                    person(u), u, u, u, email(u)));
        }
        return people;
    }

    // ------------------------------------------------------------------ (d) the directory fails

    @Test
    void aDirectoryThatCannotBeReadFailsTheRunBeforeAnythingIsSent() throws Exception {
        Company company = company();
        E2e.Instance instance = instance(company.searchSettings(BASE));
        instance.sync();
        List<Member> members = sandbox.members();
        Map<String, Set<String>> groups = groupMembers(sandbox);
        byte[] state = instance.stateBytes();
        int imports = sandbox.requests().size();
        int tokens = sandbox.tokenRequests().size();
        company.applyChanges(directory.server()); // there would be something to send

        String wrongPassword = oneLineError(instance.set("ldap.password", "N0t-The-Pa55").run("sync"), 1);

        assertThat(wrongPassword).contains("ldap.password").doesNotContain("N0t-The-Pa55");

        String url = directory.settings().get("ldap.url");
        instance.set("ldap.password", MemoryDirectory.PASSWORD);
        directory.close();
        String down = oneLineError(instance.run("sync"), 1);

        assertThat(down).contains(url).contains("ldap.url");
        assertThat(sandbox.requests()).hasSize(imports);
        assertThat(sandbox.tokenRequests()).hasSize(tokens);
        assertThat(sandbox.members()).isEqualTo(members);
        assertThat(groupMembers(sandbox)).isEqualTo(groups);
        assertThat(instance.stateBytes()).isEqualTo(state);
    }

    // ------------------------------------------------------------------ (e) most users gone

    @Test
    void losingNinetyPercentOfTheUsersIsHeldUntilDeletionsAreAllowed() throws Exception {
        directory.add(List.of("dn: ou=people," + BASE + "\nobjectClass: organizationalUnit\nou: people",
                "dn: ou=groups," + BASE + "\nobjectClass: organizationalUnit\nou: groups"));
        directory.add(people(0, 20));
        StringBuilder staff = new StringBuilder("dn: cn=staff,ou=groups," + BASE + "\nobjectClass: groupOfNames\ncn: staff");
        for (int u = 0; u < 20; u++) {
            staff.append("\nmember: ").append(person(u));
        }
        directory.add(List.of(staff.toString()));
        E2e.Instance instance = instance(Map.of("sync.user-path", "ou=people", "sync.group-path", "ou=groups"));
        instance.sync();
        List<Member> members = sandbox.members();
        JsonNode state = instance.applied();
        for (int u = 2; u < 20; u++) {
            directory.server().delete(person(u));
        }

        CommandLineRun held = instance.run("sync");

        assertThat(held.exitCode()).as(held.stderr()).isEqualTo(3);
        assertThat(held.stdout().strip()).isEqualTo("Nothing to sync; held: 18 member removals");
        List<String> errors = held.stderr().lines().filter(line -> line.startsWith("dirsync:")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("Held 18 member removals").contains("18 of 20").contains("sync.max-deletions")
                .contains("--allow-deletions");
        assertThat(sandbox.requests()).as("nothing to add, so nothing sent").hasSize(1);
        assertThat(sandbox.members()).isEqualTo(members);
        assertThat(instance.applied().get("users")).isEqualTo(state.get("users"));
        assertThat(instance.applied().get("groups")).isEqualTo(state.get("groups"));

        String allowed = instance.sync("--allow-deletions");

        assertThat(allowed).isEqualTo("Synced: 0 invited, 18 removed, 1 group updated; 2 users and 0 groups unchanged");
        assertThat(linkedMembers(sandbox)).isEqualTo(Map.of(person(0), email(0), person(1), email(1)));
        assertThat(groupMembers(sandbox)).isEqualTo(Map.of("cn=staff,ou=groups," + BASE, Set.of(email(0), email(1))));
        assertThat(sandbox.member("owner@example.com")).isPresent();
    }

    @Test
    void aReadThatReturnsNoUsersIsRefused() throws Exception {
        Company company = company();
        E2e.Instance instance = instance(company.searchSettings(BASE));
        instance.sync();
        List<Member> members = sandbox.members();
        byte[] state = instance.stateBytes();

        String refused = oneLineError(instance.set("sync.user-filter", "(uid=nobody-has-this-uid)").run("sync"), 3);

        assertThat(refused).contains("no users").contains("--allow-deletions");
        assertThat(sandbox.requests()).hasSize(1);
        assertThat(sandbox.members()).isEqualTo(members);
        assertThat(instance.stateBytes()).isEqualTo(state);
    }

    // ------------------------------------------------------------------ (f) the server refuses the request

    @Test
    void aValidationErrorFailsAtOnceWithTheServersMessageInOneLine() throws Exception {
        sandbox.close();
        sandbox = TestSandbox.builder().useGroups(false).start();
        Company company = company();
        E2e.Instance instance = instance(company.searchSettings(BASE));

        String error = oneLineError(instance.run("sync"), 1);

        assertThat(error).contains("Organization cannot use groups.");
        assertThat(sandbox.requests()).as("a 400 is not retried").hasSize(1)
                .extracting(RecordedRequest::status).containsExactly(400);
        instance.assertNothingApplied();
    }

    // ------------------------------------------------------------------ (g) the server cannot be reached

    @Test
    void anUnreachableServerFailsWithOneLineNamingBitwardenUrl() throws Exception {
        Company company = company();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        E2e.Instance instance = instance(company.searchSettings(BASE))
                .set("bitwarden.url", "http://127.0.0.1:" + closedPort)
                .set("bitwarden.retry-for", "2s");

        long start = System.nanoTime();
        CommandLineRun run = instance.run("sync");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(oneLineError(run, 1)).contains("bitwarden.url");
        assertThat(took).as("a connection error is retried (back-off from 1 s), then given up after bitwarden.retry-for")
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(15));
        instance.assertNothingApplied();
    }

    @Test
    void aWrongApiKeyIsOneLineNamingBothKeysAndNotRetried() throws Exception {
        Company company = company();
        E2e.Instance instance = instance(company.searchSettings(BASE)).set("bitwarden.client-secret", "not-the-secret");

        CommandLineRun run = instance.run("sync");

        assertThat(oneLineError(run, 1)).contains("refused the organization API key: invalid_client")
                .contains("bitwarden.client-id").contains("bitwarden.client-secret").doesNotContain("not-the-secret");
        assertThat(sandbox.tokenRequests()).hasSize(1);
        assertThat(sandbox.requests()).isEmpty();
        instance.assertNothingApplied();
    }
}
