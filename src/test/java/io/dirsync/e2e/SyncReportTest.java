package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.linkedMembers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPException;
import io.dirsync.sandbox.MemberStatus;
import io.dirsync.sandbox.MemberType;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sync --report FILE}: who a run invited, removed and regrouped, by name, for the admin's records. */
class SyncReportTest {

    private static final String BASE = "dc=report,dc=example";

    @TempDir
    Path temp;

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

    private static String person(int u) {
        return String.format("uid=p%04d,ou=people,%s", u, BASE);
    }

    private static String email(int u) {
        return String.format("p%04d@report.example", u);
    }

    private void addPeople(int from, int to) throws LDAPException {
        List<String> people = new ArrayList<>();
        for (int u = from; u < to; u++) {
            people.add(String.format("dn: %s\nobjectClass: inetOrgPerson\nuid: p%04d\ncn: P %d\nsn: %d\nmail: %s",
                    person(u), u, u, u, email(u)));
        }
        directory.add(people);
    }

    private static Set<String> emails(JsonNode people) {
        Set<String> emails = new TreeSet<>();
        people.forEach(p -> {
            assertThat(p.get("externalId").asText()).isEqualTo(person(Integer.parseInt(p.get("email").asText().substring(1, 5))));
            emails.add(p.get("email").asText());
        });
        return emails;
    }

    @Test
    void threeJoinersAndTwoLeaversAreNamedInTheReport() throws Exception {
        directory.add(List.of("dn: ou=people," + BASE + "\nobjectClass: organizationalUnit\nou: people",
                "dn: ou=groups," + BASE + "\nobjectClass: organizationalUnit\nou: groups"));
        addPeople(0, 20);
        directory.add(List.of("dn: cn=staff,ou=groups," + BASE + "\nobjectClass: groupOfNames\ncn: staff\nmember: "
                + person(0) + "\nmember: " + person(1) + "\nmember: " + person(2)));
        E2e.Instance instance = new E2e.Instance(temp.resolve("instance"))
                .with(directory.settings())
                .with(Map.of("sync.user-path", "ou=people", "sync.group-path", "ou=groups"))
                .with(E2e.bitwarden(sandbox));
        Files.createDirectories(instance.dir);
        Path first = temp.resolve("first.json");
        instance.sync("--report", first.toString());
        JsonNode firstReport = E2e.JSON.readTree(first.toFile());
        assertThat(firstReport.get("result").asText()).isEqualTo("success");
        assertThat(firstReport.get("invited")).hasSize(20);

        addPeople(20, 23);
        directory.server().delete(person(1));
        directory.server().delete(person(7));
        Path report = temp.resolve("report.json");

        CommandLineRun run = instance.run("sync", "--report", report.toString(), "-v");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode record = E2e.JSON.readTree(report.toFile());
        assertThat(record.get("result").asText()).isEqualTo("success");
        assertThat(record.get("full").asBoolean()).isFalse();
        assertThat(record.get("started").asText()).isLessThanOrEqualTo(record.get("finished").asText());
        assertThat(emails(record.get("invited"))).containsExactly(email(20), email(21), email(22));
        assertThat(emails(record.get("removed"))).containsExactly(email(1), email(7));
        assertThat(record.get("groupsUpdated")).singleElement().satisfies(group -> {
            assertThat(group.get("name").asText()).isEqualTo("staff");
            assertThat(group.get("membersAdded")).isEmpty();
            assertThat(emails(group.get("membersRemoved"))).containsExactly(email(1));
        });
        assertThat(record.get("groupsEmptied")).isEmpty();
        assertThat(run.stderr()).contains("Invited " + email(20)).contains("Removed " + email(7));
        Map<String, String> expected = new TreeMap<>();
        for (int u = 0; u < 23; u++) {
            if (u != 1 && u != 7) {
                expected.put(person(u), email(u));
            }
        }
        assertThat(linkedMembers(sandbox)).isEqualTo(expected);
    }

    @Test
    void aFirstSyncSaysWhoWasAlreadyAMemberRatherThanInvitedAgain() throws Exception {
        directory.add(List.of("dn: ou=people," + BASE + "\nobjectClass: organizationalUnit\nou: people"));
        addPeople(0, 5);
        sandbox.addMember(email(3), MemberType.USER, MemberStatus.CONFIRMED,
                null, true);
        E2e.Instance instance = new E2e.Instance(temp.resolve("instance"))
                .with(directory.settings())
                .with(Map.of("sync.user-path", "ou=people", "sync.groups", "false"))
                .with(E2e.bitwarden(sandbox));
        Files.createDirectories(instance.dir);
        Path report = temp.resolve("report.json");

        String summary = instance.sync("--report", report.toString());

        assertThat(summary).startsWith("Synced: 4 invited, 1 already members, 0 removed,");
        JsonNode record = E2e.JSON.readTree(report.toFile());
        assertThat(emails(record.get("alreadyMembers"))).containsExactly(email(3));
    }

    @Test
    void aDryRunChecksBothEndsSaysWhatTheGuardWouldDoAndSendsNothing() throws Exception {
        directory.add(List.of("dn: ou=people," + BASE + "\nobjectClass: organizationalUnit\nou: people"));
        addPeople(0, 10);
        E2e.Instance instance = new E2e.Instance(temp.resolve("instance"))
                .with(directory.settings())
                .with(Map.of("sync.user-path", "ou=people", "sync.groups", "false", "sync.max-deletions", "2"))
                .with(E2e.bitwarden(sandbox));
        Files.createDirectories(instance.dir);
        instance.sync();
        for (int u = 0; u < 5; u++) {
            directory.server().delete(person(u));
        }
        addPeople(10, 11);
        int imports = sandbox.requests().size();
        int tokens = sandbox.tokenRequests().size();

        CommandLineRun plan = instance.run("sync", "--dry-run");

        assertThat(plan.exitCode()).as(plan.stderr()).isEqualTo(3);
        assertThat(plan.stdout()).contains("Invite 1 user:\n  + " + email(10))
                .contains("Held back by the guard (5 member removals):").contains("  = " + email(0) + " (");
        assertThat(plan.stderr()).contains("dirsync: Held 5 member removals").contains("5 of 10 members");
        assertThat(sandbox.tokenRequests()).as("a token was fetched: URL and API key work").hasSize(tokens + 1);

        CommandLineRun json = instance.run("sync", "--dry-run", "--json");
        JsonNode record = E2e.JSON.readTree(json.stdout());
        assertThat(record.get("result").asText()).isEqualTo("held");
        assertThat(emails(record.get("invited"))).containsExactly(email(10));
        assertThat(emails(record.get("held").get("members"))).hasSize(5).contains(email(0), email(4));

        CommandLineRun summary = instance.run("sync", "--dry-run", "--summary");
        assertThat(summary.stdout()).isEqualTo("Would sync: 1 invited, 0 removed, 0 groups updated; 5 users and 0"
                + " groups unchanged; held: 5 member removals\n");

        CommandLineRun wrongKey = instance.set("bitwarden.client-secret", "not-the-secret").run("sync", "--dry-run");
        assertThat(wrongKey.exitCode()).isEqualTo(1);
        assertThat(wrongKey.stderr()).contains("bitwarden.client-secret");
        assertThat(sandbox.requests()).as("a dry run sends nothing").hasSize(imports);
    }
}
