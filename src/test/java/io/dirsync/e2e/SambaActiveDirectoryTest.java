package io.dirsync.e2e;

import static io.dirsync.e2e.E2e.linkedMembers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import io.dirsync.testing.RealServers;
import io.dirsync.testing.SambaAd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dirsync against a real Active Directory (Samba 4 as a domain controller, see {@link SambaAd} for the
 * fixture): bwdc's AD mode, objectGUID externalIds in bwdc's form, disabled accounts, nesting across OUs
 * with a cycle, a 3,000-member group read range by range, tombstones, LDAPS and StartTLS.
 */
class SambaActiveDirectoryTest {

    private static SambaAd samba;
    /** objectGUIDs as Samba's own tool prints them (not as dirsync computes them). */
    private static Map<String, String> guidByName;

    @TempDir
    Path dir;

    /** Per test, not in a @BeforeAll: where Samba cannot run, each test is then counted as skipped. */
    @BeforeEach
    void startSamba() throws Exception {
        if (samba != null) {
            return;
        }
        SambaAd started = SambaAd.shared();
        guidByName = new HashMap<>();
        for (String name : new String[] {"alice", "bob", "carol", "dave", "erin", "devs", "staff", "platform", "ops", "big",
                "bulk0001", "bulk3000"}) {
            guidByName.put(name, guidFromSamba(started, name));
        }
        samba = started;
    }

    /** {@code ldbsearch} on the domain controller's database renders objectGUID in its canonical string form. */
    private static String guidFromSamba(SambaAd samba, String accountName) throws IOException, InterruptedException {
        Path ldbsearch = RealServers.findExecutable("ldbsearch").orElseThrow();
        Process process = new ProcessBuilder(ldbsearch.toString(), "-H",
                samba.directory().resolve("private/sam.ldb").toString(), "(sAMAccountName=" + accountName + ")", "objectGUID")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Matcher guid = Pattern.compile("(?m)^objectGUID: ([0-9a-f-]{36})$").matcher(output);
        assertThat(guid.find()).as("ldbsearch output for %s:%n%s", accountName, output).isTrue();
        return guid.group(1);
    }

    private E2e.Instance instance() {
        return new E2e.Instance(dir)
                .set("ldap.url", samba.ldapUrl())
                .set("ldap.bind-dn", samba.bindDn())
                .set("ldap.password", samba.password())
                .set("ldap.root-path", SambaAd.BASE_DN)
                .set("ldap.active-directory", "true")
                // the whole domain (empty paths), the fixture's people and groups (filters are the admin's tool)
                .set("sync.user-path", "")
                .set("sync.group-path", "")
                .set("sync.user-filter", "(|(mail=*)(sAMAccountName=dave))")
                .set("sync.group-filter", "(|(cn=devs)(cn=staff)(cn=platform)(cn=ops)(cn=big))")
                .set("sync.use-email-prefix-suffix", "true")
                .set("sync.email-suffix", "@example.test");
    }

    private static JsonNode testJson(CommandLineRun run) throws IOException {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return E2e.JSON.readTree(run.stdout());
    }

    private static Map<String, String> users(JsonNode list) {
        Map<String, String> users = new TreeMap<>();
        list.forEach(user -> users.put(user.get("externalId").asText(), user.get("displayName").asText()));
        return users;
    }

    private static Map<String, Set<String>> groups(JsonNode test) {
        Map<String, Set<String>> groups = new TreeMap<>();
        test.get("groups").forEach(group -> {
            Set<String> members = new TreeSet<>();
            group.get("userIds").forEach(member -> members.add(member.asText()));
            groups.put(group.get("displayName").asText(), members);
        });
        return groups;
    }

    private static String guid(String name) {
        return guidByName.get(name);
    }

    private static Set<String> guids(String... names) {
        Set<String> set = new TreeSet<>();
        for (String name : names) {
            set.add(guid(name));
        }
        return set;
    }

    @Test
    void testShowsTheDomainAsBwdcWould() throws IOException {
        JsonNode test = testJson(instance().run("test"));

        Map<String, String> enabled = users(test.get("enabledUsers"));
        assertThat(enabled).containsEntry(guid("alice"), "alice@example.test")
                .containsEntry(guid("bob"), "bob@example.test")
                .containsEntry(guid("dave"), "dave@example.test") // no mail: sAMAccountName + suffix
                .containsEntry(guid("erin"), "erin@example.test")
                .containsEntry(guid("bulk0001"), "bulk0001@example.test")
                .containsEntry(guid("bulk3000"), "bulk3000@example.test")
                .hasSize(4 + SambaAd.BULK_USERS);
        assertThat(users(test.get("disabledUsers"))).isEqualTo(Map.of(guid("carol"), "carol@example.test"));
        // the tombstone keeps its objectGUID but no mail: listed by externalId (other test classes may add more)
        assertThat(test.get("deletedUsers").findValuesAsText("externalId")).isNotEmpty();

        Set<String> everyBulkUser = new TreeSet<>();
        Map<String, String> bulkGuids = users(test.get("enabledUsers"));
        bulkGuids.forEach((guid, email) -> {
            if (email.startsWith("bulk")) {
                everyBulkUser.add(guid);
            }
        });
        assertThat(everyBulkUser).hasSize(SambaAd.BULK_USERS);
        Map<String, Set<String>> expected = new TreeMap<>();
        expected.put("devs", guids("alice", "bob"));
        expected.put("staff", guids("alice", "bob", "carol"));
        // platform ↔ ops is a cycle across OUs; both reach erin and, through staff, alice, bob and carol
        expected.put("platform", guids("erin", "alice", "bob", "carol"));
        expected.put("ops", guids("erin", "alice", "bob", "carol"));
        expected.put("big", everyBulkUser); // 3,000 members, read in ranges of 1,500
        assertThat(groups(test)).isEqualTo(expected);
        assertThat(test.get("groups").findValuesAsText("externalId"))
                .containsExactlyInAnyOrderElementsOf(guids("devs", "staff", "platform", "ops", "big"));
    }

    @Test
    void ldapsAndStartTlsVerifyTheDomainControllersCertificate() throws IOException {
        E2e.Instance ldaps = instance().set("ldap.url", samba.ldapsUrl()).set("ldap.ca-file", samba.caFile().toString())
                .set("sync.groups", "false").set("sync.user-filter", "(sAMAccountName=alice)");
        assertThat(users(testJson(ldaps.run("test")).get("enabledUsers"))).containsOnlyKeys(guid("alice"));

        E2e.Instance startTls = instance().set("ldap.start-tls", "true").set("ldap.ca-file", samba.caFile().toString())
                .set("sync.groups", "false").set("sync.user-filter", "(sAMAccountName=alice)");
        assertThat(users(testJson(startTls.run("test")).get("enabledUsers"))).containsOnlyKeys(guid("alice"));

        E2e.Instance untrusted = instance().set("ldap.url", samba.ldapsUrl())
                .set("ldap.ca-file", samba.untrustedCaFile().toString());
        assertThat(E2e.oneLineError(untrusted.run("test"), 1)).startsWith("dirsync: TLS with ldaps://127.0.0.1:636")
                .contains("ldap.ca-file");
    }

    @Test
    void syncLinksMembersByObjectGuidAndRemovesADisabledAccountOnlyWithRemoveDisabled() throws Exception {
        String ou = samba.scratchOu("dirsync-disable");
        try (TestSandbox bitwarden = TestSandbox.builder().start();
             LDAPConnection ldap = samba.connectLdaps()) {
            String frank = "CN=frank," + ou;
            ldap.add("dn: " + frank, "objectClass: user", "sAMAccountName: frank", "mail: frank@example.test",
                    "userAccountControl: 546");
            ldap.modify(frank, new Modification(ModificationType.REPLACE, "userAccountControl", "512"));
            String frankGuid = guidFromSamba(samba, "frank");
            E2e.Instance instance = instance().with(E2e.bitwarden(bitwarden))
                    .set("sync.user-path", ou.replace("," + SambaAd.BASE_DN, ""))
                    .set("sync.groups", "false").set("sync.user-filter", "(mail=*)");

            assertThat(instance.sync()).startsWith("Synced: 1 invited, 0 removed");
            assertThat(linkedMembers(bitwarden)).isEqualTo(Map.of(frankGuid, "frank@example.test"));

            ldap.modify(frank, new Modification(ModificationType.REPLACE, "userAccountControl", "514"));
            assertThat(instance.sync()).as("a disabled member stays without sync.remove-disabled").isEqualTo("Nothing to sync");
            assertThat(linkedMembers(bitwarden)).containsKey(frankGuid);

            instance.set("sync.remove-disabled", "true");
            assertThat(instance.sync()).contains("0 invited, 1 removed");
            assertThat(linkedMembers(bitwarden)).isEmpty();
        } finally {
            samba.deleteSubtree(ou);
        }
    }

    @Test
    void syncMirrorsTheDomainWithBwdcsExternalIds() throws IOException {
        try (TestSandbox bitwarden = TestSandbox.builder().start()) {
            E2e.Instance instance = instance().with(E2e.bitwarden(bitwarden));

            assertThat(instance.sync()).startsWith("Synced: " + (5 + SambaAd.BULK_USERS) + " invited, 0 removed, 5 groups updated");

            Map<String, String> members = linkedMembers(bitwarden);
            assertThat(members).hasSize(5 + SambaAd.BULK_USERS) // carol is disabled but stays, as in bwdc
                    .containsEntry(guid("alice"), "alice@example.test")
                    .containsEntry(guid("carol"), "carol@example.test")
                    .containsEntry(guid("dave"), "dave@example.test");
            Map<String, Set<String>> groups = E2e.groupMembers(bitwarden);
            assertThat(groups.get(guid("platform"))).containsExactlyInAnyOrder(
                    "erin@example.test", "alice@example.test", "bob@example.test", "carol@example.test");
            assertThat(groups.get(guid("big"))).hasSize(SambaAd.BULK_USERS)
                    .containsAll(IntStream.rangeClosed(1, SambaAd.BULK_USERS)
                            .mapToObj(i -> String.format("bulk%04d@example.test", i)).toList());
            assertThat(instance.sync()).isEqualTo("Nothing to sync");
        }
    }
}
