package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.groupMembers;
import static io.dirsync.e2e.E2e.linkedMembers;
import static io.dirsync.e2e.E2e.oneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFException;
import io.dirsync.cli.DirsyncCommand;
import io.dirsync.sandbox.Member;
import io.dirsync.sandbox.MemberStatus;
import io.dirsync.sandbox.MemberType;
import io.dirsync.sandbox.RecordedRequest;
import io.dirsync.sandbox.ServerMode;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import io.dirsync.testing.Slapd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise that a sync never takes away the wrong access and never forgets what it already did, tried as an
 * operator would: a real slapd, the CLI in-process, the Bitwarden sandbox. Each test builds its own people and
 * groups under {@code ou=<test>} of one slapd, over LDAP, as an admin's tools would.
 */
class NothingLostTest {

    private static final String SUFFIX = "dc=safe,dc=example";
    private static final String DOMAIN = "safe.example";

    private static Slapd slapd;

    @TempDir
    Path instanceDir;

    private TestSandbox sandbox;
    private String base;

    @BeforeAll
    static void startSlapd(@TempDir Path ldifDir) throws IOException {
        if (!Slapd.available()) {
            return; // each test reports it (needsSlapd), so that Surefire counts them as skipped
        }
        Path file = ldifDir.resolve("safe.ldif");
        Files.writeString(file, "dn: " + SUFFIX + "\nobjectClass: dcObject\nobjectClass: organization\no: safe\ndc: safe\n");
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

    // ------------------------------------------------------------------ the directory

    /** Creates {@code ou=<test method>} with {@code ou=people} and {@code ou=groups} below it. */
    private void subtree(TestInfo test) throws LDAPException, LDIFException {
        String name = test.getTestMethod().orElseThrow().getName().toLowerCase();
        base = "ou=" + name + "," + SUFFIX;
        try (LDAPConnection ldap = admin()) {
            ldap.add("dn: " + base, "objectClass: organizationalUnit", "ou: " + name);
            ldap.add("dn: ou=people," + base, "objectClass: organizationalUnit", "ou: people");
            ldap.add("dn: ou=groups," + base, "objectClass: organizationalUnit", "ou: groups");
        }
    }

    private static LDAPConnection admin() throws LDAPException, LDIFException {
        return new LDAPConnection(Slapd.HOST, slapd.ldapPort(), slapd.bindDn(), slapd.password());
    }

    private String person(String uid) {
        return "uid=" + uid + ",ou=people," + base;
    }

    private String group(String cn) {
        return "cn=" + cn + ",ou=groups," + base;
    }

    private static String email(String uid) {
        return uid + "@" + DOMAIN;
    }

    private static List<String> uids(String prefix, int from, int to) {
        List<String> uids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            uids.add(String.format("%s%04d", prefix, i));
        }
        return uids;
    }

    private void addPeople(List<String> uids) throws LDAPException, LDIFException {
        try (LDAPConnection ldap = admin()) {
            for (String uid : uids) {
                ldap.add("dn: " + person(uid), "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid, "sn: " + uid,
                        "mail: " + email(uid));
            }
        }
    }

    private void addGroup(String cn, List<String> uids) throws LDAPException, LDIFException {
        List<String> lines = new ArrayList<>(List.of("dn: " + group(cn), "objectClass: groupOfNames", "cn: " + cn,
                "description: " + cn));
        uids.forEach(uid -> lines.add("member: " + person(uid)));
        try (LDAPConnection ldap = admin()) {
            ldap.add(lines.toArray(new String[0]));
        }
    }

    private void delete(List<String> dns) throws LDAPException, LDIFException {
        try (LDAPConnection ldap = admin()) {
            for (String dn : dns) {
                ldap.delete(dn);
            }
        }
    }

    private void modify(String dn, ModificationType type, String attribute, String... values) throws LDAPException, LDIFException {
        try (LDAPConnection ldap = admin()) {
            ldap.modify(dn, new Modification(type, attribute, values));
        }
    }

    /** externalId → email of these people, as the organization must link them. */
    private Map<String, String> members(List<String> uids) {
        Map<String, String> members = new TreeMap<>();
        uids.forEach(uid -> members.put(person(uid), email(uid)));
        return members;
    }

    private static Set<String> emails(List<String> uids) {
        Set<String> emails = new TreeSet<>();
        uids.forEach(uid -> emails.add(email(uid)));
        return emails;
    }

    private E2e.Instance instance() {
        return new E2e.Instance(instanceDir)
                .with(slapd.connectionSettings())
                .set("ldap.root-path", SUFFIX)
                .set("sync.user-path", "ou=people," + base.substring(0, base.length() - SUFFIX.length() - 1))
                .set("sync.group-path", "ou=groups," + base.substring(0, base.length() - SUFFIX.length() - 1))
                .with(E2e.bitwarden(sandbox));
    }

    /** A run that must end with exit code 3 and a summary on stdout; returns the guard's one line. */
    private static String held(CommandLineRun run, String summary) {
        assertThat(run.exitCode()).as("exit code; stderr:\n%s", run.stderr()).isEqualTo(3);
        assertThat(run.stdout().strip()).isEqualTo(summary);
        List<String> lines = run.stderr().lines().filter(line -> line.startsWith("dirsync:")).toList();
        assertThat(lines).as("the guard's line on stderr").hasSize(1);
        assertThat(lines.get(0)).contains("--allow-deletions");
        return lines.get(0);
    }

    // ------------------------------------------------------------------ 1. a push that failed half-way

    @Test
    void aPushThatFailedHalfWayIsFinishedByThePlainNextSync(TestInfo test) throws Exception {
        subtree(test);
        sandbox = TestSandbox.builder().start();
        List<String> staff = uids("p", 0, 100);
        addPeople(staff);
        addGroup("team", staff.subList(0, 20));
        E2e.Instance instance = instance().set("sync.full-every", "0").set("bitwarden.retry-for", "2s");
        instance.sync();

        // one leaves and 2,100 join: batch 1 carries the removal and 1,999 invitations, batch 2 the other 101
        List<String> joiners = uids("n", 0, 2100);
        addPeople(joiners);
        delete(List.of(person("p0005")));
        int before = sandbox.requests().size();
        sandbox.failAfter(1, 500);

        String error = oneLineError(instance.run("sync"), 1);

        assertThat(error).contains("500");
        assertThat(E2e.importsSince(sandbox, before).get(0).status()).isEqualTo(200);
        assertThat(sandbox.member(email("p0005"))).as("batch 1 removed p0005").isEmpty();
        assertThat(sandbox.member(email("n0100"))).as("batch 1 invited n0100").isPresent();
        assertThat(sandbox.member(email("n2050"))).as("batch 2 never went through").isEmpty();

        // before the next run: p0005 is back (the team kept the DN: slapd has no referential integrity here), and
        // n0100, invited by the failed run, leaves
        addPeople(List.of("p0005"));
        delete(List.of(person("n0100")));
        sandbox.clearFaults();

        String summary = instance.sync();

        assertThat(summary).doesNotStartWith("Nothing to sync");
        List<String> expected = new ArrayList<>(staff);
        expected.addAll(joiners);
        expected.remove("n0100");
        assertThat(linkedMembers(sandbox)).isEqualTo(members(expected));
        assertThat(groupMembers(sandbox)).isEqualTo(Map.of(group("team"), emails(staff.subList(0, 20))));
        E2e.nobodyTwice(sandbox);
        assertThat(instance.unsure().get("users")).as("nothing left unsure").isEmpty();
        assertThat(instance.sync()).as("and then there is nothing left to do").isEqualTo("Nothing to sync");
    }

    @Test
    void aProcessKilledBetweenBatchesIsFinishedByThePlainNextSync(TestInfo test) throws Exception {
        subtree(test);
        sandbox = TestSandbox.builder().start();
        List<String> staff = uids("p", 0, 100);
        addPeople(staff);
        E2e.Instance instance = instance().set("sync.full-every", "0").set("bitwarden.retry-for", "5m");
        instance.sync();
        List<String> joiners = uids("n", 0, 2100);
        addPeople(joiners);
        delete(List.of(person("p0005")));
        int before = sandbox.requests().size();
        sandbox.failAfter(1, 503);

        // batch 1 goes through, batch 2 is retried: kill -9 then
        Process sync = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                CommandLineRun.childClassPath(), DirsyncCommand.class.getName(), "sync", "--config",
                instance.dir.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            E2e.await(Duration.ofSeconds(60), "batch 1 applied and batch 2 refused", () ->
                    E2e.importsSince(sandbox, before).size() >= 2);
        } finally {
            sync.destroyForcibly().waitFor();
        }
        assertThat(sandbox.member(email("p0005"))).as("batch 1 removed p0005").isEmpty();

        addPeople(List.of("p0005"));
        delete(List.of(person("n0100")));
        sandbox.clearFaults();

        instance.sync();

        List<String> expected = new ArrayList<>(staff);
        expected.addAll(joiners);
        expected.remove("n0100");
        assertThat(linkedMembers(sandbox)).isEqualTo(members(expected));
        E2e.nobodyTwice(sandbox);
    }

    // ------------------------------------------------------------------ 2. removals held, additions applied

    @Test
    void mostPeopleGoneIsHeldWhileNewHiresAreStillInvited(TestInfo test) throws Exception {
        subtree(test);
        sandbox = TestSandbox.builder().start();
        List<String> staff = uids("p", 0, 60);
        addPeople(staff);
        for (int t = 0; t < 6; t++) {
            addGroup("team" + t, staff.subList(t * 10, t * 10 + 10));
        }
        E2e.Instance instance = instance().set("sync.max-deletions", "10");
        instance.sync();
        Map<String, Set<String>> groupsBefore = groupMembers(sandbox);

        // 54 of 60 leave; three are hired, one of them into team0
        delete(staff.subList(6, 60).stream().map(this::person).toList());
        List<String> hires = uids("h", 0, 3);
        addPeople(hires);
        modify(group("team0"), ModificationType.ADD, "member", person("h0000"));

        String line = held(instance.run("sync"),
                "Synced: 3 invited, 0 removed, 1 group updated; 6 users and 5 groups unchanged;"
                        + " held: 54 member removals");

        assertThat(line).contains("54 of 60 members").contains("sync.max-deletions");
        List<String> everyone = new ArrayList<>(staff);
        everyone.addAll(hires);
        assertThat(linkedMembers(sandbox)).as("nobody removed, the three invited").isEqualTo(members(everyone));
        Map<String, Set<String>> groupsHeld = new TreeMap<>(groupsBefore);
        Set<String> team0 = new TreeSet<>(groupsBefore.get(group("team0")));
        team0.add(email("h0000"));
        groupsHeld.put(group("team0"), team0);
        assertThat(groupMembers(sandbox)).as("no membership lost, the new one made").isEqualTo(groupsHeld);

        String allowed = instance.sync("--allow-deletions");

        assertThat(allowed).startsWith("Synced: 0 invited, 54 removed,");
        List<String> remaining = new ArrayList<>(staff.subList(0, 6));
        remaining.addAll(hires);
        assertThat(linkedMembers(sandbox)).isEqualTo(members(remaining));
        Set<String> team0After = new TreeSet<>(emails(staff.subList(0, 6)));
        team0After.add(email("h0000"));
        Map<String, Set<String>> exact = new TreeMap<>();
        exact.put(group("team0"), team0After);
        for (int t = 1; t < 6; t++) {
            exact.put(group("team" + t), Set.of());
        }
        assertThat(groupMembers(sandbox)).isEqualTo(exact);
    }

    // ------------------------------------------------------------------ 3. groups emptied

    @Test
    void emptyingMostGroupsIsHeldOrRefusedNeverSilent(TestInfo test) throws Exception {
        subtree(test);
        sandbox = TestSandbox.builder().start();
        List<String> staff = uids("p", 0, 40);
        addPeople(staff);
        for (int g = 0; g < 8; g++) {
            addGroup("g" + g, staff.subList(g * 5, g * 5 + 5));
        }
        E2e.Instance instance = instance().set("sync.max-deletions", "10%");
        instance.sync();
        Map<String, Set<String>> groupsBefore = groupMembers(sandbox);

        // a filter that keeps one group: a settings change, so nothing at all is sent
        int before = sandbox.requests().size();
        String refused = oneLineError(instance.set("sync.group-filter", "(cn=g0)").run("sync"), 3);

        assertThat(refused).contains("35 of 40 group memberships").contains("settings changed");
        assertThat(sandbox.requests()).hasSize(before);
        assertThat(groupMembers(sandbox)).isEqualTo(groupsBefore);

        // seven groups deleted from the directory: held, nothing lost
        instance.settings.remove("sync.group-filter");
        delete(List.of(group("g1"), group("g2"), group("g3"), group("g4"), group("g5"), group("g6"), group("g7")));

        String line = held(instance.run("sync"), "Nothing to sync; held: 35 membership removals");

        assertThat(line).contains("35 of 40 group memberships from people who stay");
        assertThat(groupMembers(sandbox)).isEqualTo(groupsBefore);
        assertThat(linkedMembers(sandbox)).isEqualTo(members(staff));

        String allowed = instance.sync("--allow-deletions");

        assertThat(allowed).startsWith("Synced: 0 invited, 0 removed, 0 groups updated, 7 groups emptied;");
        Map<String, Set<String>> exact = new TreeMap<>();
        exact.put(group("g0"), emails(staff.subList(0, 5)));
        for (int g = 1; g < 8; g++) {
            exact.put(group("g" + g), Set.of());
        }
        assertThat(groupMembers(sandbox)).isEqualTo(exact);
        assertThat(linkedMembers(sandbox)).isEqualTo(members(staff));
    }

    // ------------------------------------------------------------------ 4. overwrite on an organization bwdc kept

    @Test
    void anOverwriteCountsTheServersOwnRemovalsBeforeSendingAnything(TestInfo test) throws Exception {
        subtree(test);
        sandbox = TestSandbox.builder().start();
        List<String> staff = uids("p", 0, 60);
        addPeople(staff);
        // what bwdc left: the 60 linked, and 18 whose entries have left the directory since
        staff.forEach(uid -> sandbox.addMember(email(uid), MemberType.USER, MemberStatus.CONFIRMED, person(uid), true));
        List<String> leftovers = uids("gone", 0, 18);
        leftovers.forEach(uid -> sandbox.addMember(email(uid), MemberType.USER, MemberStatus.CONFIRMED, person(uid),
                true));
        List<Member> before = sandbox.members();
        E2e.Instance instance = instance().set("sync.overwrite-existing", "true").set("sync.groups", "false")
                .set("sync.max-deletions", "10");

        String refused = oneLineError(instance.run("sync"), 3);

        assertThat(refused).contains("remove 18 of 78 members").contains("overwrite");
        assertThat(sandbox.requests()).as("no import sent").isEmpty();
        assertThat(sandbox.members()).isEqualTo(before);

        String allowed = instance.sync("--allow-deletions");

        assertThat(allowed).contains(" 18 removed,");
        assertThat(linkedMembers(sandbox)).isEqualTo(members(staff));
        assertThat(sandbox.member("owner@example.com")).isPresent();
        assertThat(sandbox.requests()).singleElement().satisfies(request ->
                assertThat(E2e.body(request).get("overwriteExisting").asBoolean()).isTrue());
    }

    // ------------------------------------------------------------------ 5. a 200 that is not Bitwarden's

    @Test
    void aWebPageAnsweringTheImportFailsTheRunAndCommitsNothing(TestInfo test) throws Exception {
        subtree(test);
        sandbox = TestSandbox.builder().start();
        List<String> staff = uids("p", 0, 5);
        addPeople(staff);
        E2e.Instance instance = instance();
        sandbox.serveWebPageForImports();

        String error = oneLineError(instance.run("sync"), 1);

        assertThat(error).contains("200").contains("text/html").contains("bitwarden.url");
        instance.assertNothingApplied();
        assertThat(linkedMembers(sandbox)).isEmpty();

        sandbox.clearFaults();
        assertThat(instance.sync()).startsWith("Synced: 5 invited,");
        assertThat(linkedMembers(sandbox)).isEqualTo(members(staff));
    }

    // ------------------------------------------------------------------ 6. Vaultwarden and a revocation by hand

    @Test
    void aMemberRevokedByHandInVaultwardenStaysRevokedThroughFullSyncs(TestInfo test) throws Exception {
        subtree(test);
        sandbox = TestSandbox.builder().mode(ServerMode.VAULTWARDEN).orgGroupsEnabled(true).start();
        List<String> staff = uids("p", 0, 5);
        addPeople(staff);
        addGroup("team", staff);
        E2e.Instance instance = instance().set("bitwarden.server", "vaultwarden");
        instance.sync();
        sandbox.revoke(email("p0001"));

        assertThat(instance.sync()).isEqualTo("Nothing to sync");
        String full = instance.sync("--full");

        assertThat(full).endsWith("(full sync)");
        assertThat(sandbox.member(email("p0001")).orElseThrow().status()).isEqualTo(MemberStatus.REVOKED);
        RecordedRequest last = sandbox.requests().get(sandbox.requests().size() - 1);
        assertThat(E2e.members(E2e.body(last))).as("a full run re-sends groups, not applied members").isEmpty();
        assertThat(E2e.groups(E2e.body(last))).containsKey(group("team"));
    }

    // ------------------------------------------------------------------ 7. unsyncable is not gone

    @Test
    void anEntryThatBecameUnsyncableKeepsWhatItHad(TestInfo test) throws Exception {
        subtree(test);
        sandbox = TestSandbox.builder().start();
        List<String> staff = uids("p", 0, 5);
        addPeople(staff);
        addGroup("team", staff);
        addGroup("ops", staff.subList(0, 2));
        E2e.Instance instance = instance().set("sync.group-name-attribute", "description");
        instance.sync();
        Map<String, Set<String>> groupsBefore = groupMembers(sandbox);

        modify(person("p0003"), ModificationType.REPLACE, "mail", "p0003-at-nowhere");
        modify(group("ops"), ModificationType.REPLACE, "description", "o".repeat(101));
        CommandLineRun run = instance.run("sync");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout().strip()).isEqualTo("Nothing to sync");
        assertThat(run.stderr()).contains(person("p0003")).contains("not a valid email address")
                .contains(group("ops")).contains("longer than 100");
        assertThat(linkedMembers(sandbox)).isEqualTo(members(staff));
        assertThat(groupMembers(sandbox)).isEqualTo(groupsBefore);
        assertThat(sandbox.groupByExternalId(group("ops")).orElseThrow().name()).isEqualTo("ops");
    }
}
