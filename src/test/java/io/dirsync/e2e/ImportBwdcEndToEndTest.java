package io.dirsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.sandbox.Event;
import io.dirsync.sandbox.EventType;
import io.dirsync.sandbox.Group;
import io.dirsync.sandbox.Member;
import io.dirsync.sandbox.MemberStatus;
import io.dirsync.sandbox.MemberType;
import io.dirsync.sandbox.RecordedRequest;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import io.dirsync.testing.Slapd;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration an admin makes: an organization bwdc has been syncing from an OpenLDAP directory, bwdc's own
 * data.json for it (written by bwdc 2026.6.1), {@code dirsync import-bwdc}, then dirsync's {@code test} and first
 * {@code sync} against the same directory (a real slapd) and the same organization (the sandbox, seeded with what bwdc
 * sent for that directory, bwdc-core.md §1.4). dirsync must read what bwdc read, and its first sync must change
 * nothing in the organization.
 *
 * <p>The commands run in a JVM of their own, so that the converted {@code {{env:…}}} references resolve from a real
 * environment: the variables of the --env-file import-bwdc wrote.
 */
class ImportBwdcEndToEndTest {

    private static final String PEOPLE = ",ou=people,dc=example,dc=com";
    private static final String GROUPS = ",ou=groups,dc=example,dc=com";
    /** The organization and API key in the data.json: the sandbox is that organization. */
    private static final String ORGANIZATION_ID = "3f2a6e5c-1b7d-4c1e-9a55-0d2c4e7b8a91";
    private static final String API_KEY_SECRET = "the-organization-api-key-secret";

    /** The directory's users, as bwdc reads them: externalId (the DN) → email, trimmed and lower-cased. */
    private static final Map<String, String> USERS = new TreeMap<>(Map.of(
            "uid=alice" + PEOPLE, "alice@example.com",
            "uid=bob" + PEOPLE, "bob@example.com",
            "uid=carol" + PEOPLE, "carol.cooper@example.com",
            "uid=dave" + PEOPLE, "dave@example.com",
            "uid=erin" + PEOPLE, "erin@example.com"));
    /**
     * Its groups: externalId → member users after flattening. engineering holds ops; admins also lists a service
     * account outside ou=people, which is no synced user.
     */
    private static final Map<String, Set<String>> GROUP_MEMBERS = new TreeMap<>(Map.of(
            "cn=admins" + GROUPS, Set.of("uid=dave" + PEOPLE),
            "cn=engineering" + GROUPS, Set.of("uid=alice" + PEOPLE, "uid=bob" + PEOPLE, "uid=carol" + PEOPLE),
            "cn=everyone" + GROUPS, USERS.keySet(),
            "cn=ops" + GROUPS, Set.of("uid=carol" + PEOPLE)));

    @TempDir
    Path temp;

    private Slapd slapd;
    private TestSandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (slapd != null) {
            slapd.close();
        }
    }

    @Test
    void aBwdcLdapSetupConvertedReadsTheSameDirectoryAndItsFirstSyncChangesNothingInTheOrganization() throws Exception {
        Slapd.assumeAvailable();
        slapd = Slapd.start("dc=example,dc=com", resource("directory-example-com.ldif"));
        sandbox = TestSandbox.builder().orgId(ORGANIZATION_ID).clientSecret(API_KEY_SECRET).start();
        seedAsBwdcSyncedIt();
        Path instance = temp.resolve("instance");
        Path envFile = temp.resolve("dirsync.env");

        CommandLineRun imported = CommandLineRun.of("import-bwdc", resource("data-json-ldap.json").toString(),
                "--config", instance.toString(), "--env-file", envFile.toString());

        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        Map<String, String> environment = environmentFile(envFile);
        assertThat(environment).containsOnlyKeys("LDAP_PASSWORD", "BITWARDEN_CLIENT_SECRET")
                .containsEntry("LDAP_PASSWORD", "the-ldap-bind-password")
                .containsEntry("BITWARDEN_CLIENT_SECRET", API_KEY_SECRET);

        // What the test changes after the conversion, and why: the directory and the organization are test servers on
        // loopback ports, not ldap.example.com and bitwarden.example.com; slapd's bind password is the harness's (its
        // root DN is the file's bind DN, cn=admin,dc=example,dc=com). Everything else is as converted.
        configure(instance, "ldap.url", slapd.ldapUrl());
        configure(instance, "bitwarden.url", sandbox.baseUrl());
        environment.put("LDAP_PASSWORD", slapd.password());

        CommandLineRun test = CommandLineRun.inChildJvm(environment, "test", "--config", instance.toString());

        assertThat(test.exitCode()).as(test.stderr()).isZero();
        JsonNode report = E2e.JSON.readTree(test.stdout());
        Map<String, String> enabled = new LinkedHashMap<>();
        report.get("enabledUsers").forEach(user -> enabled.put(user.get("displayName").asText(),
                user.get("externalId").asText()));
        assertThat(enabled).containsExactly(
                Map.entry("alice@example.com", "uid=alice" + PEOPLE),
                Map.entry("bob@example.com", "uid=bob" + PEOPLE),
                Map.entry("carol.cooper@example.com", "uid=carol" + PEOPLE),
                Map.entry("dave@example.com", "uid=dave" + PEOPLE),
                Map.entry("erin@example.com", "uid=erin" + PEOPLE));
        assertThat(report.get("disabledUsers")).isEmpty();
        assertThat(report.get("deletedUsers")).isEmpty();
        List<String> groupNames = new ArrayList<>();
        Map<String, Set<String>> groups = new TreeMap<>();
        report.get("groups").forEach(group -> {
            groupNames.add(group.get("displayName").asText());
            Set<String> members = new TreeSet<>();
            group.get("userIds").forEach(id -> members.add(id.asText()));
            groups.put(group.get("externalId").asText(), members);
        });
        assertThat(groupNames).containsExactly("admins", "engineering", "everyone", "ops");
        assertThat(groups).isEqualTo(GROUP_MEMBERS);
        assertThat(sandbox.requests()).isEmpty();

        List<Member> membersBefore = sandbox.members();
        Map<String, GroupState> before = groupStates();
        int eventsBefore = sandbox.events().size();

        CommandLineRun sync = CommandLineRun.inChildJvm(environment, "sync", "--config", instance.toString());

        assertThat(sync.exitCode()).as(sync.stderr()).isZero();
        assertThat(sync.stdout()).startsWith("Synced: ");
        // the organization is as bwdc left it: the same members (ids, emails, links, statuses), the same groups
        assertThat(sandbox.members()).containsExactlyInAnyOrderElementsOf(membersBefore);
        assertThat(groupStates()).isEqualTo(before);
        List<Event> events = sandbox.events().subList(eventsBefore, sandbox.events().size());
        assertThat(events).extracting(Event::type)
                .doesNotContain(EventType.MEMBER_INVITED, EventType.MEMBER_REMOVED, EventType.MEMBER_STAGED);
        // and dirsync said so: every member sent as present, none removed, each group with its own members
        assertThat(sandbox.requests()).isNotEmpty().allSatisfy(request -> {
            assertThat(request.status()).isEqualTo(200);
            JsonNode body = E2e.body(request);
            assertThat(body.get("overwriteExisting").asBoolean()).isFalse();
            assertThat(E2e.members(body).values()).doesNotContain(true);
            assertThat(USERS).containsKeys(E2e.members(body).keySet().toArray(new String[0]));
            E2e.groups(body).forEach((group, members) -> assertThat(members).isEqualTo(GROUP_MEMBERS.get(group)));
        });
        assertThat(sandbox.requests()).extracting(RecordedRequest::path).allMatch(path -> path.endsWith("/import"));
    }

    /** What bwdc's syncs left: each user a member linked by its DN (one still invited), each group linked by its DN. */
    private void seedAsBwdcSyncedIt() {
        Map<String, String> memberIds = new HashMap<>();
        USERS.forEach((dn, email) -> memberIds.put(dn, sandbox.addMember(email, MemberType.USER,
                dn.startsWith("uid=erin") ? MemberStatus.INVITED : MemberStatus.CONFIRMED, dn, !dn.startsWith("uid=erin"))
                .id()));
        sandbox.addMember("contractor@elsewhere.example", MemberType.USER, MemberStatus.CONFIRMED, null, true);
        GROUP_MEMBERS.forEach((dn, members) -> {
            String name = dn.substring("cn=".length(), dn.indexOf(','));
            Group group = sandbox.addGroup(name, dn);
            sandbox.addToGroup(group.id(), members.stream().map(memberIds::get).toArray(String[]::new));
        });
    }

    /** A group as the organization holds it. */
    private record GroupState(String id, String name, Set<String> memberIds) {
    }

    private Map<String, GroupState> groupStates() {
        Map<String, GroupState> groups = new TreeMap<>();
        sandbox.groups().forEach(group -> groups.put(String.valueOf(group.externalId()),
                new GroupState(group.id(), group.name(), new TreeSet<>(group.memberIds()))));
        return groups;
    }

    private static void configure(Path instance, String key, String value) {
        CommandLineRun run = CommandLineRun.of("config", key, value, "--config", instance.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
    }

    private Path resource(String name) throws IOException {
        Path file = temp.resolve(name);
        try (InputStream in = ImportBwdcEndToEndTest.class.getResourceAsStream("/bwdc/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Z_]+)=\"(.*)\"$");

    /** The NAME="value" lines of an EnvironmentFile (values here need no unescaping). */
    private static Map<String, String> environmentFile(Path file) throws IOException {
        Map<String, String> variables = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher matcher = ASSIGNMENT.matcher(line);
            if (matcher.matches()) {
                variables.put(matcher.group(1), matcher.group(2));
            }
        }
        return variables;
    }
}
