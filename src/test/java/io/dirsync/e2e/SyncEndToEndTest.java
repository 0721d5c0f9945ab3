package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.groupMembers;
import static io.dirsync.e2e.E2e.linkedMembers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import io.dirsync.sandbox.Member;
import io.dirsync.sandbox.MemberStatus;
import io.dirsync.sandbox.MemberType;
import io.dirsync.sandbox.RecordedRequest;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import io.dirsync.testing.Slapd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dirsync sync} end to end, as an admin runs it: a real OpenLDAP slapd (over LDAPS, verified against the
 * test CA), the CLI in-process, and the Bitwarden sandbox holding an organization that already has members.
 * Each test reads its own copy of the {@link Company} under {@code ou=<test>} of one slapd, so tests may change
 * their directory without disturbing each other.
 */
class SyncEndToEndTest {

    private static final String SUFFIX = "dc=e2e,dc=example";
    private static final List<String> SUBTREES = List.of("flow", "dryrun", "lastsync", "cache");

    private static Slapd slapd;

    @TempDir
    Path instanceDir;

    private TestSandbox sandbox;

    @BeforeAll
    static void startSlapd(@TempDir Path ldifDir) throws IOException {
        if (!Slapd.available()) {
            return; // each test reports it (needsSlapd), so that Surefire counts them as skipped
        }
        StringBuilder ldif = new StringBuilder("dn: " + SUFFIX + "\nobjectClass: dcObject\nobjectClass: organization\n"
                + "o: e2e\ndc: e2e\n\n");
        for (String subtree : SUBTREES) {
            ldif.append("dn: ou=").append(subtree).append(',').append(SUFFIX)
                    .append("\nobjectClass: organizationalUnit\nou: ").append(subtree).append("\n\n");
            ldif.append(company(subtree).ldif());
        }
        Path file = ldifDir.resolve("e2e.ldif");
        Files.writeString(file, ldif);
        slapd = Slapd.start(SUFFIX, file);
    }

    @BeforeEach
    void needsSlapd() {
        Slapd.assumeAvailable();
    }

    @AfterAll
    static void stopSlapd() {
        if (slapd != null) {
            slapd.close();
        }
    }

    @AfterEach
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static Company company(String subtree) {
        return new Company("ou=" + subtree + "," + SUFFIX);
    }

    private E2e.Instance instance(Company company) {
        E2e.Instance instance = new E2e.Instance(instanceDir)
                .with(slapd.connectionSettings())
                .with(company.searchSettings(SUFFIX));
        if (sandbox != null) {
            instance.with(E2e.bitwarden(sandbox));
        }
        return instance;
    }

    private static LDAPConnection admin() throws LDAPException {
        return new LDAPConnection(Slapd.HOST, slapd.ldapPort(), slapd.bindDn(), slapd.password());
    }

    @Test
    void firstSyncLinksExistingMembersThenTheDaysChangesLeaveTheOrganizationExactAndAnUnchangedDirectorySendsNothing()
            throws LDAPException {
        Company company = company("flow");
        sandbox = TestSandbox.builder().start();
        Member owner = sandbox.member("owner@example.com").orElseThrow();
        Member manual = sandbox.addMember("manual@elsewhere.example", MemberType.ADMIN, MemberStatus.CONFIRMED, null, true);
        Member catByHand = sandbox.addMember("Cat@E2E.example", MemberType.USER, MemberStatus.CONFIRMED, null, true);
        E2e.Instance instance = instance(company);

        // first sync: everyone in, cat linked rather than invited a second time
        String first = instance.sync();

        assertThat(first).startsWith("Synced: 4 invited, 1 already members, 0 removed, 5 groups updated;")
                .endsWith("(full sync)");
        assertThat(linkedMembers(sandbox)).isEqualTo(company.usersBefore());
        assertThat(groupMembers(sandbox)).isEqualTo(company.groupsBefore());
        Member cat = sandbox.member("cat@e2e.example").orElseThrow();
        assertThat(cat.id()).as("cat is the member added by hand, now linked").isEqualTo(catByHand.id());
        assertThat(cat.status()).isEqualTo(MemberStatus.CONFIRMED);
        assertThat(cat.externalId()).isEqualTo(company.userDn("cat"));
        assertThat(sandbox.member("owner@example.com")).contains(owner);
        assertThat(sandbox.member("manual@elsewhere.example")).contains(manual);
        assertThat(sandbox.members()).hasSize(2 + 5);
        E2e.nobodyTwice(sandbox);
        assertThat(sandbox.requests()).singleElement().satisfies(request -> {
            assertThat(request.status()).isEqualTo(200);
            JsonNode body = E2e.body(request);
            assertThat(E2e.members(body)).containsOnlyKeys(company.usersBefore().keySet()).doesNotContainValue(true);
            assertThat(body.get("overwriteExisting").asBoolean()).isFalse();
        });
        assertThat(sandbox.tokenRequests()).hasSize(1);

        // the day's changes; a dry run shows them and sends nothing
        try (LDAPConnection ldap = admin()) {
            company.applyChanges(ldap);
        }
        CommandLineRun dryRun = instance.run("sync", "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.stderr()).isZero();
        assertThat(dryRun.stdout()).startsWith("Plan:\n")
                .contains("Invite 1 user:\n  + fay@e2e.example (" + company.userDn("fay") + ")\n")
                .contains("Remove 1 user:\n  - dan@e2e.example (" + company.userDn("dan") + ")\n")
                .contains("Update 4 groups:\n")
                .contains("Empty 1 group")
                .contains("legacy (" + company.groupDn("legacy") + "): 0 members (was 1)")
                .contains("Unchanged: 4 users and 0 groups.");
        assertThat(sandbox.requests()).hasSize(1);
        assertThat(sandbox.tokenRequests()).as("a dry run checks the API key with a token of its own").hasSize(2);

        // second sync: only the changes, and the organization is exact
        String second = instance.sync();

        assertThat(second).isEqualTo("Synced: 1 invited, 1 removed, 4 groups updated, 1 group emptied;"
                + " 4 users and 0 groups unchanged");
        assertThat(sandbox.requests()).hasSize(2);
        JsonNode body = E2e.body(sandbox.requests().get(1));
        assertThat(E2e.members(body)).isEqualTo(Map.of(company.userDn("dan"), true, company.userDn("fay"), false));
        assertThat(E2e.groups(body)).containsOnlyKeys(company.groupsAfter().keySet());
        assertThat(E2e.groups(body).get(company.groupDn("legacy"))).isEmpty();
        assertThat(linkedMembers(sandbox)).isEqualTo(company.usersAfter());
        assertThat(groupMembers(sandbox)).isEqualTo(company.groupsAfter());
        assertThat(sandbox.member("dan@e2e.example")).isEmpty();
        assertThat(sandbox.groupByExternalId(company.groupDn("legacy"))).as("emptied, not deleted")
                .hasValueSatisfying(legacy -> assertThat(legacy.memberIds()).isEmpty());
        assertThat(sandbox.member("owner@example.com")).contains(owner);
        assertThat(sandbox.member("manual@elsewhere.example")).contains(manual);
        assertThat(sandbox.member("cat@e2e.example")).hasValueSatisfying(c -> {
            assertThat(c.id()).isEqualTo(catByHand.id());
            assertThat(c.status()).isEqualTo(MemberStatus.CONFIRMED);
        });
        assertThat(sandbox.members()).hasSize(2 + 5);
        E2e.nobodyTwice(sandbox);

        // third sync, nothing changed: no request at all, not even for a token
        int tokens = sandbox.tokenRequests().size();
        String third = instance.sync();

        assertThat(third).isEqualTo("Nothing to sync");
        assertThat(sandbox.requests()).hasSize(2);
        assertThat(sandbox.tokenRequests()).hasSize(tokens);
    }

    @Test
    void aDryRunOfTheFirstSyncPrintsThePlanAndSendsNothing() {
        Company company = company("dryrun");
        sandbox = TestSandbox.builder().start();
        E2e.Instance instance = instance(company);

        CommandLineRun dryRun = instance.run("sync", "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.stderr()).isZero();
        assertThat(dryRun.stdout()).startsWith("Plan for a full sync (no sync state yet)")
                .contains("Invite 5 users:\n")
                .contains("  + bob@e2e.example (" + company.userDn("bob") + ")\n")
                .contains("Update 5 groups:\n")
                .contains("everyone (" + company.groupDn("everyone") + "): new, 4 members")
                .doesNotContain("Remove");
        assertThat(sandbox.requests()).isEmpty();
        assertThat(sandbox.tokenRequests()).as("the URL and the API key are checked with a token").singleElement()
                .satisfies(token -> assertThat(token.status()).isEqualTo(200));
        assertThat(instance.stateFile()).doesNotExist();
        assertThat(sandbox.members()).extracting(Member::email).containsExactly("owner@example.com");

        // the plan did not count as applied: the real sync still sends everything
        assertThat(instance.sync()).startsWith("Synced: 5 invited, 0 removed, 5 groups updated;");
        assertThat(linkedMembers(sandbox)).isEqualTo(company.usersBefore());
    }

    @Test
    void lastSyncPrintsAnIsoTimeOnlyAfterASync() {
        sandbox = TestSandbox.builder().start();
        E2e.Instance instance = instance(company("lastsync"));

        for (String kind : List.of("users", "groups")) {
            CommandLineRun never = instance.run("last-sync", kind);
            assertThat(never.exitCode()).as(never.stderr()).isZero();
            assertThat(never.stdout()).as("last-sync %s before any sync", kind).isEmpty();
        }

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        instance.sync();
        Instant after = Instant.now();

        for (String kind : List.of("users", "groups")) {
            CommandLineRun last = instance.run("last-sync", kind);
            assertThat(last.exitCode()).as(last.stderr()).isZero();
            assertThat(last.stdout()).as("one ISO-8601 UTC time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\n");
            assertThat(Instant.parse(last.stdout().trim())).isBetween(before.minusSeconds(1), after);
        }
    }

    @Test
    void clearCacheThenSyncResendsEverythingWithoutRemovingAnyone() {
        Company company = company("cache");
        sandbox = TestSandbox.builder().start();
        Member manual = sandbox.addMember("manual@elsewhere.example", MemberType.USER, MemberStatus.CONFIRMED, null, true);
        E2e.Instance instance = instance(company);
        instance.sync();
        List<Member> membersBefore = sandbox.members();
        Map<String, Set<String>> groupsBefore = groupMembers(sandbox);

        CommandLineRun clear = instance.run("clear-cache");

        assertThat(clear.exitCode()).as(clear.stderr()).isZero();
        assertThat(clear.stdout()).isEmpty();
        assertThat(instance.stateFile()).doesNotExist();
        assertThat(sandbox.requests()).hasSize(1);

        String summary = instance.sync();

        // the server's member list shows the five are there: nobody is said to be invited again
        assertThat(summary).isEqualTo("Synced: 0 invited, 5 already members, 0 removed, 5 groups updated; 0 users and"
                + " 0 groups unchanged (full sync)");
        assertThat(sandbox.requests()).hasSize(2);
        RecordedRequest resend = sandbox.requests().get(1);
        JsonNode body = E2e.body(resend);
        assertThat(E2e.members(body)).containsOnlyKeys(company.usersBefore().keySet()).doesNotContainValue(true);
        assertThat(E2e.groups(body)).containsOnlyKeys(company.groupsBefore().keySet());
        assertThat(sandbox.members()).as("nobody removed, nobody added").isEqualTo(membersBefore);
        assertThat(sandbox.member("manual@elsewhere.example")).contains(manual);
        assertThat(groupMembers(sandbox)).isEqualTo(groupsBefore).isEqualTo(company.groupsBefore());
        assertThat(instance.stateFile()).exists();
        assertThat(instance.sync()).isEqualTo("Nothing to sync");
    }
}
