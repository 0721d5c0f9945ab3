package io.dirsync.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.testing.CommandLineRun;
import io.dirsync.testing.Slapd;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference connector's own LDAP integration suite (bwdc's ldap-directory.service.integration.spec),
 * run through {@code dirsync test} against a real slapd seeded with bwdc's data. Expected users and groups
 * are bwdc's fixtures, loaded from the peer's JSON files, not produced by dirsync.
 */
class BwdcPeerSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, String> expectedUsers;          // DN → email
    private static Map<String, Set<String>> expectedGroups;    // DN → member user DNs
    private static Map<String, String> expectedGroupNames;     // DN → name

    @TempDir
    Path instance;

    @BeforeAll
    static void loadPeerExpectations() throws IOException {
        expectedUsers = new TreeMap<>();
        for (JsonNode user : peerJson("expected-users.json")) {
            expectedUsers.put(user.get("externalId").asText(), user.get("email").asText());
        }
        expectedGroups = new TreeMap<>();
        expectedGroupNames = new TreeMap<>();
        for (JsonNode group : peerJson("expected-groups.json")) {
            Set<String> members = new TreeSet<>();
            group.get("userMemberExternalIds").forEach(member -> members.add(member.asText()));
            expectedGroups.put(group.get("externalId").asText(), members);
            expectedGroupNames.put(group.get("externalId").asText(), group.get("name").asText());
        }
        assertThat(expectedUsers).hasSize(20);
        assertThat(expectedGroups).hasSize(5);
    }

    private static JsonNode peerJson(String name) throws IOException {
        try (InputStream in = BwdcPeerSuiteTest.class.getResourceAsStream("/peer/bwdc/" + name)) {
            return JSON.readTree(in);
        }
    }

    /** bwdc's base settings for these tests: person / posixGroup / memberUid / mail / cn, no paths, no filters. */
    private Map<String, String> baseSettings(Slapd slapd) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ldap.url", slapd.ldapUrl());
        settings.put("ldap.bind-dn", slapd.bindDn());
        settings.put("ldap.password", slapd.password());
        settings.put("ldap.root-path", Slapd.BWDC_SUFFIX);
        settings.put("sync.user-object-class", "person");
        settings.put("sync.group-object-class", "posixGroup");
        settings.put("sync.member-attribute", "memberUid");
        settings.put("sync.user-email-attribute", "mail");
        settings.put("sync.group-name-attribute", "cn");
        return settings;
    }

    private CommandLineRun runTest(Map<String, String> settings) throws IOException {
        List<String> lines = new ArrayList<>();
        settings.forEach((key, value) -> lines.add(key + "=" + value));
        Files.write(instance.resolve("application.properties"), lines);
        // owner-only, as 'dirsync config' writes it: one others may read draws a warning about its password
        Files.setPosixFilePermissions(instance.resolve("application.properties"), PosixFilePermissions.fromString("rw-------"));
        return CommandLineRun.of("test", "--config", instance.toString());
    }

    private JsonNode test(Map<String, String> settings) throws IOException {
        CommandLineRun run = runTest(settings);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return JSON.readTree(run.stdout());
    }

    private static Map<String, String> users(JsonNode test) {
        assertThat(test.get("disabledUsers")).isEmpty();
        assertThat(test.get("deletedUsers")).isEmpty();
        Map<String, String> users = new TreeMap<>();
        test.get("enabledUsers").forEach(user -> users.put(user.get("externalId").asText(), user.get("displayName").asText()));
        return users;
    }

    private static Map<String, Set<String>> groups(JsonNode test) {
        Map<String, Set<String>> groups = new TreeMap<>();
        test.get("groups").forEach(group -> {
            Set<String> members = new TreeSet<>();
            group.get("userIds").forEach(member -> members.add(member.asText()));
            groups.put(group.get("externalId").asText(), members);
            assertThat(group.get("displayName").asText()).isEqualTo(expectedGroupNames.get(group.get("externalId").asText()));
        });
        return groups;
    }

    private static <V> Map<String, V> only(Map<String, V> expected, String... keys) {
        Map<String, V> subset = new TreeMap<>();
        for (String key : keys) {
            assertThat(expected).containsKey(key);
            subset.put(key, expected.get(key));
        }
        return subset;
    }

    @Test
    void case1PlainConnectionUsersAndGroups() throws IOException {
        JsonNode test = test(baseSettings(Slapd.bwdc20()));

        assertThat(users(test)).isEqualTo(expectedUsers);
        assertThat(groups(test)).isEqualTo(expectedGroups);
    }

    @Test
    void case2StartTlsWithCaFile() throws IOException {
        Slapd slapd = Slapd.bwdc20();
        Map<String, String> settings = baseSettings(slapd);
        settings.put("ldap.start-tls", "true");
        settings.put("ldap.ca-file", slapd.caFile().toString());

        JsonNode test = test(settings);

        assertThat(users(test)).isEqualTo(expectedUsers);
        assertThat(groups(test)).isEqualTo(expectedGroups);
    }

    @Test
    void case3LdapsWithCaFile() throws IOException {
        Slapd slapd = Slapd.bwdc20();
        Map<String, String> settings = baseSettings(slapd);
        settings.put("ldap.url", slapd.ldapsUrl());
        settings.put("ldap.ca-file", slapd.caFile().toString());

        JsonNode test = test(settings);

        assertThat(users(test)).isEqualTo(expectedUsers);
        assertThat(groups(test)).isEqualTo(expectedGroups);
    }

    @Test
    void case4UserPath() throws IOException {
        Map<String, String> settings = baseSettings(Slapd.bwdc20());
        settings.put("sync.groups", "false");
        settings.put("sync.user-path", "ou=Human Resources");

        JsonNode test = test(settings);

        assertThat(users(test)).isEqualTo(only(expectedUsers,
                "cn=Roland Dyke,ou=Human Resources,dc=bitwarden,dc=com",
                "cn=Charin Goulfine,ou=Human Resources,dc=bitwarden,dc=com",
                "cn=Angelle Guarino,ou=Human Resources,dc=bitwarden,dc=com"));
        assertThat(test.get("groups")).isEmpty();
    }

    @Test
    void case5UserFilter() throws IOException {
        Map<String, String> settings = baseSettings(Slapd.bwdc20());
        settings.put("sync.groups", "false");
        settings.put("sync.user-filter", "(cn=Roland Dyke)");

        JsonNode test = test(settings);

        assertThat(users(test)).isEqualTo(only(expectedUsers, "cn=Roland Dyke,ou=Human Resources,dc=bitwarden,dc=com"));
    }

    @Test
    void case6GroupPath() throws IOException {
        Map<String, String> settings = baseSettings(Slapd.bwdc20());
        settings.put("sync.users", "false");
        settings.put("sync.group-path", "ou=Janitorial");

        JsonNode test = test(settings);

        assertThat(test.get("enabledUsers")).isEmpty();
        assertThat(groups(test)).isEqualTo(only(expectedGroups, "cn=Cleaners,ou=Janitorial,dc=bitwarden,dc=com"));
    }

    @Test
    void case7GroupFilter() throws IOException {
        Map<String, String> settings = baseSettings(Slapd.bwdc20());
        settings.put("sync.users", "false");
        settings.put("sync.group-filter", "(cn=Red Team)");

        JsonNode test = test(settings);

        assertThat(test.get("enabledUsers")).isEmpty();
        assertThat(groups(test)).isEqualTo(only(expectedGroups, "cn=Red Team,dc=bitwarden,dc=com"));
    }

    @Test
    void circularGroupsTerminateWithEveryReachableUser() throws IOException {
        Slapd slapd = Slapd.bwdcCircular();
        Map<String, String> settings = baseSettings(slapd);
        settings.put("sync.group-object-class", "groupOfNames");
        settings.put("sync.member-attribute", "member");

        JsonNode test = test(settings);

        String base = ",dc=bitwarden,dc=com";
        String roland = "cn=Roland Dyke,ou=Human Resources" + base;
        String teirtza = "cn=Teirtza Kara,ou=Human Resources" + base;
        String alice = "cn=Alice Chen,ou=Engineering" + base;
        String bob = "cn=Bob Martinez,ou=Engineering" + base;
        String carol = "cn=Carol Williams,ou=Engineering" + base;
        String david = "cn=David Kim,ou=Engineering" + base;
        String eva = "cn=Eva Johnson,ou=Marketing" + base;
        String frank = "cn=Frank Lee,ou=Marketing" + base;
        Set<String> engineering = Set.of(alice, bob, carol, david);
        Map<String, Set<String>> expected = new TreeMap<>();
        // read off the fixture's hierarchy: Platform → Engineering → {DevOps → Platform, QA} is one cycle
        expected.put("cn=Platform" + base, engineering);
        expected.put("cn=DevOps" + base, engineering);
        expected.put("cn=Engineering" + base, engineering);
        expected.put("cn=QA" + base, Set.of(carol, david));
        expected.put("cn=Marketing" + base, Set.of(eva, frank));
        expected.put("cn=HR" + base, Set.of(roland, teirtza));
        expected.put("cn=AllStaff" + base, Set.of(alice, bob, carol, david, eva, frank, roland, teirtza));
        expected.put("cn=Contractors" + base, engineering);
        expected.put("cn=TestNestA" + base, Set.of(roland, teirtza));
        expected.put("cn=TestNestB" + base, Set.of(roland, teirtza));

        Map<String, Set<String>> actual = new TreeMap<>();
        test.get("groups").forEach(group -> {
            Set<String> members = new TreeSet<>();
            group.get("userIds").forEach(member -> members.add(member.asText()));
            actual.put(group.get("externalId").asText(), members);
        });
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void tlsWithAnUntrustedCaIsOneLineAndExitCodeOne() throws IOException {
        Slapd slapd = Slapd.bwdc20();
        Map<String, String> settings = baseSettings(slapd);
        settings.put("ldap.url", slapd.ldapsUrl());
        settings.put("ldap.ca-file", slapd.untrustedCaFile().toString());

        CommandLineRun run = runTest(settings);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr().strip()).startsWith("dirsync: TLS with " + slapd.ldapsUrl().replaceAll("/$", ""))
                .contains("ldap.ca-file").doesNotContain("\n");
    }

    @Test
    void aFilterTheServerRejectsIsOneLine() throws IOException {
        Map<String, String> settings = baseSettings(Slapd.bwdc20());
        settings.put("sync.user-filter", "(cn=Roland Dyke");

        CommandLineRun run = runTest(settings);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).startsWith("dirsync: Invalid setting sync.user-filter=(cn=Roland Dyke")
                .doesNotContain("\n");
    }

    @Test
    void aServerThatDemandsAClientCertificateGetsTheConfiguredOne() throws IOException {
        try (Slapd slapd = Slapd.startRequiringClientCertificates(Slapd.BWDC_SUFFIX, Slapd.BWDC_20)) {
            Map<String, String> settings = baseSettings(slapd);
            settings.put("ldap.url", slapd.ldapsUrl());
            settings.put("ldap.ca-file", slapd.caFile().toString());

            CommandLineRun refused = runTest(settings);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stderr().strip()).startsWith("dirsync: TLS with " + slapd.ldapsUrl()).doesNotContain("\n");

            settings.put("ldap.client-cert", slapd.clientCertificate().toString());
            settings.put("ldap.client-key", slapd.clientKey().toString());
            JsonNode test = test(settings);
            assertThat(users(test)).isEqualTo(expectedUsers);

            settings.put("ldap.url", slapd.ldapUrl());
            settings.put("ldap.start-tls", "true");
            assertThat(users(test(settings))).isEqualTo(expectedUsers);
        }
    }
}
