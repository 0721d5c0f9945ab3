package io.dirsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.dirsync.sandbox.RecordedRequest;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.CommandLineRun;
import io.dirsync.testing.SambaAd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ldap.incremental=true} against a real Active Directory (Samba 4, see {@link SambaAd}), in scratch OUs of
 * their own: a first sync reads fully and leaves the directory cache, later ones read only what changed, and after
 * each change the organization is what a full read ({@code dirsync test}) says it must be, reached by a request
 * carrying exactly that change. Anything in doubt reads fully.
 */
class SambaIncrementalReadTest {

    private static final String SCOPE = "dirsync-incr";
    private static final String OUTSIDE = "dirsync-incr-out";
    private static SambaAd samba;

    @TempDir
    Path dir;
    private String scope;
    private String outside;
    private LDAPConnection ldap;
    private TestSandbox bitwarden;
    private E2e.Instance instance;

    @BeforeEach
    void scratch() throws Exception {
        samba = SambaAd.shared(); // per test, not in a @BeforeAll: where Samba cannot run, each test is counted as skipped
        scope = samba.scratchOu(SCOPE);
        outside = samba.scratchOu(OUTSIDE);
        ldap = samba.connect();
        bitwarden = TestSandbox.builder().start();
        instance = new E2e.Instance(dir).with(E2e.bitwarden(bitwarden))
                .set("ldap.url", samba.ldapUrl())
                .set("ldap.bind-dn", samba.bindDn())
                .set("ldap.password", samba.password())
                .set("ldap.root-path", SambaAd.BASE_DN)
                .set("ldap.active-directory", "true")
                .set("ldap.incremental", "true")
                .set("sync.user-path", "OU=" + SCOPE)
                .set("sync.group-path", "OU=" + SCOPE)
                .set("sync.user-filter", "(mail=*)")
                .set("sync.remove-disabled", "true");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (bitwarden != null) {
            bitwarden.close();
        }
        if (ldap != null) {
            ldap.close();
        }
        samba.deleteSubtree(scope);
        samba.deleteSubtree(outside);
    }

    // ------------------------------------------------------------------ the directory

    private String addUser(String name) throws Exception {
        return addUser(name, scope);
    }

    /**
     * An enabled user without a password (NORMAL_ACCOUNT | PASSWD_NOTREQD) and with a mail; account names have a
     * prefix, as they are unique in the domain and the fixture has its own alice and bob.
     */
    private String addUser(String name, String parent) throws Exception {
        String dn = "CN=" + name + "," + parent;
        ldap.add("dn: " + dn, "objectClass: user", "sAMAccountName: incr-" + name, "mail: " + name + "@example.test",
                "userAccountControl: 544");
        return dn;
    }

    private String addGroup(String name, String... members) throws Exception {
        String dn = "CN=" + name + "," + scope;
        List<String> lines = new ArrayList<>(List.of("dn: " + dn, "objectClass: group", "sAMAccountName: incr-" + name));
        for (String member : members) {
            lines.add("member: " + member);
        }
        ldap.add(lines.toArray(new String[0]));
        return dn;
    }

    private void modify(String dn, String attribute, ModificationType type, String value) throws Exception {
        ldap.modify(dn, new Modification(type, attribute, value));
    }

    /** objectGUID in bwdc's form, computed here from the bytes (first three fields little-endian). */
    private String guid(String dn) throws Exception {
        SearchResultEntry entry = ldap.getEntry(dn, "objectGUID");
        ByteBuffer bytes = ByteBuffer.wrap(entry.getAttributeValueBytes("objectGUID"));
        bytes.order(ByteOrder.LITTLE_ENDIAN);
        long high = ((long) bytes.getInt() & 0xffffffffL) << 32 | ((long) bytes.getShort() & 0xffff) << 16
                | ((long) bytes.getShort() & 0xffff);
        bytes.order(ByteOrder.BIG_ENDIAN);
        return new UUID(high, bytes.getLong()).toString();
    }

    // ------------------------------------------------------------------ runs

    /** A sync's summary line and log. */
    private record Sync(String summary, String log, List<RecordedRequest> requests) {
        boolean incremental() {
            return log.contains("Incremental read:") && !log.contains("Full read:");
        }

        String fullReadReason() {
            return log.lines().filter(l -> l.contains("Full read: ")).map(l -> l.substring(l.indexOf("Full read: ") + 11))
                    .findFirst().orElse(null);
        }

        JsonNode onlyRequest() {
            assertThat(requests).as("import requests of: %s%n%s", summary, log).hasSize(1);
            return E2e.body(requests.get(0));
        }
    }

    private Sync sync(String... flags) {
        int before = bitwarden.requests().size();
        List<String> args = new ArrayList<>(List.of("sync"));
        args.addAll(List.of(flags));
        CommandLineRun run = instance.run(args.toArray(new String[0]));
        assertThat(run.exitCode()).as("sync; stderr:%n%s", run.stderr()).isZero();
        return new Sync(run.stdout().strip(), run.stderr(), List.copyOf(E2e.importsSince(bitwarden, before)));
    }

    private Sync incrementalSync(String... flags) {
        Sync sync = sync(flags);
        assertThat(sync.incremental()).as("an incremental read; log:%n%s", sync.log).isTrue();
        return sync;
    }

    private Path cacheFile() {
        return dir.resolve("cache").resolve("directory-cache.json");
    }

    /**
     * The organization is exactly what a full read says: {@code dirsync test} (which always reads fully) lists the
     * enabled users (remove-disabled is on) and the groups with their flattened members. Compared by externalId: an
     * email changed in the directory keeps the one Bitwarden has.
     */
    private void organizationIsExact() throws IOException {
        CommandLineRun test = instance.run("test");
        assertThat(test.exitCode()).as(test.stderr()).isZero();
        JsonNode json = E2e.JSON.readTree(test.stdout());
        Set<String> enabled = new TreeSet<>();
        json.get("enabledUsers").forEach(u -> enabled.add(u.get("externalId").asText()));
        Map<String, String> members = E2e.linkedMembers(bitwarden);
        assertThat(members.keySet()).isEqualTo(enabled);
        Map<String, Set<String>> groups = new TreeMap<>();
        json.get("groups").forEach(g -> {
            Set<String> ids = new TreeSet<>();
            g.get("userIds").forEach(id -> ids.add(id.asText()));
            ids.retainAll(enabled);
            groups.put(g.get("externalId").asText(), ids);
        });
        Map<String, String> idByEmail = new HashMap<>();
        members.forEach((id, email) -> idByEmail.put(email, id));
        Map<String, Set<String>> organization = new TreeMap<>();
        E2e.groupMembers(bitwarden).forEach((id, emails) -> {
            Set<String> ids = new TreeSet<>();
            emails.forEach(email -> ids.add(idByEmail.get(email)));
            organization.put(id, ids);
        });
        organization.values().removeIf(Set::isEmpty); // groups gone from the directory are emptied, not deleted
        groups.values().removeIf(Set::isEmpty);
        assertThat(organization).isEqualTo(groups);
    }

    private static Map<String, Set<String>> groups(JsonNode body) {
        return E2e.groups(body);
    }

    private Set<String> guids(String... dns) throws Exception {
        Set<String> set = new TreeSet<>();
        for (String dn : dns) {
            set.add(guid(dn));
        }
        return set;
    }

    // ------------------------------------------------------------------ tests

    @Test
    void eachChangeIsReadIncrementallyAndSentAlone() throws Exception {
        String ann = addUser("ann");
        String bob = addUser("bob");
        String cy = addUser("cy");
        String dee = addUser("dee");
        String team = addGroup("team", ann, bob);
        String all = addGroup("all", team, cy);

        Sync first = sync();
        assertThat(first.fullReadReason()).isEqualTo("no directory cache yet");
        assertThat(first.summary()).startsWith("Synced: 4 invited, 0 removed, 2 groups updated");
        assertThat(cacheFile()).isRegularFile();
        organizationIsExact();

        Sync unchanged = incrementalSync();
        assertThat(unchanged.summary()).isEqualTo("Nothing to sync");
        assertThat(unchanged.requests()).isEmpty();

        // a new user
        String eve = addUser("eve");
        JsonNode body = incrementalSync().onlyRequest();
        assertThat(E2e.members(body)).isEqualTo(Map.of(guid(eve), false));
        assertThat(groups(body)).isEmpty();
        organizationIsExact();

        // a changed mail: nothing can be sent (the API cannot change an email); the cache has it all the same
        modify(ann, "mail", ModificationType.REPLACE, "ann.new@example.test");
        Sync mail = incrementalSync();
        assertThat(mail.summary()).isEqualTo("Nothing to sync; 1 email change not synced");
        assertThat(mail.requests()).isEmpty();
        assertThat(Files.readString(cacheFile())).contains("ann.new@example.test");

        // a user disabled, with sync.remove-disabled=true: removed, and out of the groups that reach her
        modify(bob, "userAccountControl", ModificationType.REPLACE, "546");
        body = incrementalSync().onlyRequest();
        assertThat(E2e.members(body)).isEqualTo(Map.of(guid(bob), true));
        assertThat(groups(body)).isEqualTo(Map.of(guid(team), guids(ann), guid(all), guids(ann, cy)));
        organizationIsExact();

        // a member added to a group: that group and the one nesting it
        modify(team, "member", ModificationType.ADD, dee);
        body = incrementalSync().onlyRequest();
        assertThat(E2e.members(body)).isEmpty();
        assertThat(groups(body)).isEqualTo(Map.of(guid(team), guids(ann, dee), guid(all), guids(ann, dee, cy)));
        organizationIsExact();

        // a user deleted
        String cyGuid = guid(cy);
        ldap.delete(cy);
        body = incrementalSync().onlyRequest();
        assertThat(E2e.members(body)).isEqualTo(Map.of(cyGuid, true));
        assertThat(groups(body)).isEqualTo(Map.of(guid(all), guids(ann, dee)));
        organizationIsExact();

        // a user moved out of the search path
        String deeGuid = guid(dee);
        ldap.modifyDN(dee, "CN=dee", true, outside);
        body = incrementalSync().onlyRequest();
        assertThat(E2e.members(body)).isEqualTo(Map.of(deeGuid, true));
        assertThat(groups(body)).isEqualTo(Map.of(guid(team), guids(ann), guid(all), guids(ann)));
        organizationIsExact();

        Sync quiet = incrementalSync();
        assertThat(quiet.summary()).isEqualTo("Nothing to sync; 1 email change not synced"); // ann's, reported each run
        assertThat(quiet.requests()).isEmpty();
    }

    @Test
    void renamedAndMovedInMembersKeepTheirGroupsThoughTheGroupsDoNotChange() throws Exception {
        String ann = addUser("ann");
        String bob = addUser("bob", outside); // out of scope, yet a member of team
        String team = addGroup("team", ann, bob);
        sync();
        assertThat(E2e.groupMembers(bitwarden).get(guid(team))).containsExactly("ann@example.test");

        // renamed in place: the group lists the new DN without changing
        ldap.modifyDN(ann, "CN=anna", true);
        Sync renamed = incrementalSync();
        assertThat(renamed.summary()).isEqualTo("Nothing to sync");
        assertThat(renamed.log()).contains("1 groups read again");
        organizationIsExact();

        // moved into the search path: invited, and found in the group that listed her all along
        String bobInScope = "CN=bob," + scope;
        ldap.modifyDN(bob, "CN=bob", true, scope);
        JsonNode body = incrementalSync().onlyRequest();
        assertThat(E2e.members(body)).isEqualTo(Map.of(guid(bobInScope), false));
        assertThat(groups(body)).isEqualTo(Map.of(guid(team), guids("CN=anna," + scope, bobInScope)));
        organizationIsExact();
    }

    @Test
    void aChangedGroupBeyondOneMemberRangeIsReadToTheEnd() throws Exception {
        // the fixture's bulk users as members (they are not changed by it): 1,600 values need two ranges
        instance.set("sync.user-path", "OU=Bulk").set("sync.user-filter", "");
        List<String> members = new ArrayList<>();
        for (int i = 1; i <= 1600; i++) {
            members.add(SambaAd.bulkUserDn(i));
        }
        String large = addGroup("large", members.toArray(new String[0]));
        assertThat(sync().summary()).startsWith("Synced: " + SambaAd.BULK_USERS + " invited, 0 removed, 1 group updated");

        modify(large, "member", ModificationType.ADD, SambaAd.bulkUserDn(1601));
        JsonNode body = incrementalSync().onlyRequest();
        assertThat(E2e.members(body)).isEmpty();
        assertThat(groups(body).get(guid(large))).hasSize(1601).contains(guid(SambaAd.bulkUserDn(1601)));
    }

    @Test
    void aGroupMovedOutOfScopeIsEmptiedAndNestedGroupsFollow() throws Exception {
        String ann = addUser("ann");
        String bob = addUser("bob");
        String team = addGroup("team", ann);
        String all = addGroup("all", team, bob);
        sync();

        String teamGuid = guid(team);
        ldap.modifyDN(team, "CN=team", true, outside);
        // two of the directory's three memberships go: over sync.max-deletions, so the admin confirms
        JsonNode body = incrementalSync("--allow-deletions").onlyRequest();
        assertThat(E2e.members(body)).isEmpty();
        assertThat(groups(body)).isEqualTo(Map.of(guid(all), guids(bob), teamGuid, Set.of()));
        organizationIsExact();
    }

    @Test
    void aDifferentInvocationIdOrDomainControllerMeansAFullRead() throws Exception {
        addUser("ann");
        sync();
        ObjectNode cache = (ObjectNode) E2e.JSON.readTree(cacheFile().toFile());
        ((ObjectNode) cache.get("cursor")).put("invocationId", "00000000-0000-0000-0000-000000000001");
        E2e.JSON.writeValue(cacheFile().toFile(), cache);

        Sync restored = sync();
        assertThat(restored.fullReadReason()).startsWith("the domain controller's invocationId changed");
        assertThat(restored.summary()).isEqualTo("Nothing to sync");
        incrementalSync(); // the full read left a good cache

        cache = (ObjectNode) E2e.JSON.readTree(cacheFile().toFile());
        ((ObjectNode) cache.get("cursor")).put("dsServiceName",
                "CN=NTDS Settings,CN=DC2,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration," + SambaAd.BASE_DN);
        E2e.JSON.writeValue(cacheFile().toFile(), cache);
        assertThat(sync().fullReadReason()).startsWith("domain controller changed");
    }

    @Test
    void aCorruptCacheMeansAFullReadAndIsReplaced() throws Exception {
        String ann = addUser("ann");
        sync();
        Files.writeString(cacheFile(), "{\"formatVersion\":1,\"cursor\":");

        addUser("bob");
        Sync corrupt = sync();
        assertThat(corrupt.fullReadReason()).startsWith("the directory cache " + cacheFile() + " is unreadable");
        assertThat(corrupt.summary()).startsWith("Synced: 1 invited, 0 removed");
        incrementalSync();
        assertThat(E2e.linkedMembers(bitwarden)).containsKey(guid(ann));
    }

    @Test
    void aDryRunLeavesTheCacheWhereTheLastCommittedRunLeftIt() throws Exception {
        addUser("ann");
        sync();
        byte[] committed = Files.readAllBytes(cacheFile());

        String bob = addUser("bob");
        Sync dryRun = sync("--dry-run");
        assertThat(dryRun.incremental()).as(dryRun.log()).isTrue();
        assertThat(dryRun.requests()).isEmpty();
        assertThat(Files.readAllBytes(cacheFile())).as("a dry run commits nothing, its read's cache included")
                .isEqualTo(committed);
        assertThat(cacheFile().getParent().toFile().list()).as("nor leaves its read's cache beside it")
                .containsExactly("directory-cache.json");

        Sync next = incrementalSync();
        assertThat(next.summary()).startsWith("Synced: 1 invited, 0 removed");
        assertThat(E2e.linkedMembers(bitwarden)).containsKey(guid(bob));
        assertThat(Files.readAllBytes(cacheFile())).as("the committed run's cache").isNotEqualTo(committed);
    }

    @Test
    void fullRunsSettingsChangesAndDirsyncTestReadFully() throws Exception {
        addUser("ann");
        sync();
        assertThat(sync("--full").fullReadReason()).isEqualTo("asked for (sync --full)");
        incrementalSync();

        byte[] cache = Files.readAllBytes(cacheFile());
        CommandLineRun test = instance.run("test");
        assertThat(test.exitCode()).isZero();
        assertThat(test.stderr()).doesNotContain("Incremental read").doesNotContain("Full read:");
        assertThat(Files.readAllBytes(cacheFile())).as("dirsync test leaves the cache alone").isEqualTo(cache);

        instance.set("sync.user-filter", "(mail=*example.test)");
        assertThat(sync().fullReadReason()).isEqualTo("settings changed since the directory cache was read");

        CommandLineRun clear = instance.run("clear-cache");
        assertThat(clear.exitCode()).isZero();
        assertThat(cacheFile()).doesNotExist();
    }

    @Test
    void renamingAnOrganizationalUnitMeansAFullRead() throws Exception {
        String unit = "OU=team," + scope;
        ldap.add("dn: " + unit, "objectClass: organizationalUnit", "ou: team");
        addUser("ann", unit);
        sync();

        modify(unit, "description", ModificationType.REPLACE, "a change that moves nothing");
        incrementalSync();

        ldap.modifyDN(unit, "OU=crew", true);
        Sync moved = sync();
        assertThat(moved.fullReadReason()).contains("was renamed or moved");
        assertThat(moved.summary()).isEqualTo("Nothing to sync");
        organizationIsExact();
    }

    @Test
    void usersScopedByMemberOfAreFollowedUntilTheGroupChanges() throws Exception {
        String ann = addUser("ann");
        String bob = addUser("bob");
        String bitwardenUsers = addGroup("bitwarden-users", ann);
        instance.set("sync.user-filter", "(memberOf=" + bitwardenUsers + ")").set("sync.groups", "false");
        sync();
        assertThat(E2e.linkedMembers(bitwarden)).containsOnlyKeys(guid(ann));

        modify(ann, "mail", ModificationType.REPLACE, "ann.new@example.test");
        incrementalSync();

        // bob's entry does not change when he joins the group: only the group does, and that means a full read
        modify(bitwardenUsers, "member", ModificationType.ADD, bob);
        Sync joined = sync();
        assertThat(joined.fullReadReason()).contains("selects members of " + bitwardenUsers);
        assertThat(E2e.members(joined.onlyRequest())).isEqualTo(Map.of(guid(bob), false));
        incrementalSync();

        instance.set("sync.user-filter", "(memberOf:1.2.840.113556.1.4.1941:=" + bitwardenUsers + ")");
        sync();
        assertThat(sync().fullReadReason()).contains("LDAP_MATCHING_RULE_IN_CHAIN");
    }

    @Test
    void bitwiseFiltersAreLeftToTheServer() throws Exception {
        instance.set("sync.user-filter", "(&(mail=*)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))")
                .set("sync.remove-disabled", "false");
        String ann = addUser("ann");
        addUser("bob");
        sync();

        modify(ann, "userAccountControl", ModificationType.REPLACE, "546");
        JsonNode body = incrementalSync().onlyRequest();
        assertThat(E2e.members(body)).isEqualTo(Map.of(guid(ann), true)); // out of the filter's scope: removed
        assertThat(E2e.linkedMembers(bitwarden)).doesNotContainKey(guid(ann)).hasSize(1);
    }
}
