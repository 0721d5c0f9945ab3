package io.dirsync.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.DirectoryUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The merge rules of an incremental read, on hand-made caches and changes. */
class CacheMergeTest {

    private static final String PEOPLE = "ou=people,dc=x";
    private static final String GROUPS = "ou=groups,dc=x";
    private static final DirectoryCache.Cursor CURSOR = new DirectoryCache.Cursor("cn=ntds settings,cn=dc1", "inv", 100);

    private static DirectoryEntries.User user(String name) {
        return user(name, PEOPLE);
    }

    private static DirectoryEntries.User user(String name, String parent) {
        return new DirectoryEntries.User("id-" + name, "cn=" + name + "," + parent, "id-" + name, name + "@x.test", false, null);
    }

    private static DirectoryEntries.Group group(String name, String... memberDns) {
        return new DirectoryEntries.Group("id-" + name, "cn=" + name + "," + GROUPS, "id-" + name, name, List.of(memberDns));
    }

    private static String dn(String name) {
        return "cn=" + name + "," + PEOPLE;
    }

    private static DirectoryCache cache(List<DirectoryEntries.User> users, List<DirectoryEntries.Group> groups) {
        return new DirectoryCache(DirectoryCache.FORMAT_VERSION, CURSOR, "sha256:x", "2030-01-01T00:00:00Z", users,
                groups.stream().map(DirectoryCache::withMemberKeys).toList(), Map.of("id-people", PEOPLE, "id-groups", GROUPS));
    }

    /** A cache of ann and bob, team = {ann, bob}, all = {team}. */
    private static DirectoryCache annBobTeam() {
        return cache(List.of(user("ann"), user("bob")),
                List.of(group("team", dn("ann"), dn("bob")), group("all", "cn=team," + GROUPS)));
    }

    private static DirectoryRead read(CacheMerge merge) {
        return merge.entries().resolve(List.of());
    }

    private static Map<String, String> emails(DirectoryRead read) {
        Map<String, String> emails = new TreeMap<>();
        read.users().forEach(u -> emails.put(u.externalId(), u.email()));
        return emails;
    }

    private static Map<String, Set<String>> memberUsers(DirectoryRead read) {
        Map<String, Set<String>> members = new TreeMap<>();
        read.groups().forEach(g -> members.put(g.externalId(), g.memberUserIds()));
        return members;
    }

    @Test
    void nothingChangedGivesTheCacheBackAndReadsNothingAgain() {
        CacheMerge merge = new CacheMerge(annBobTeam());

        CacheMerge.Refresh refresh = merge.apply();

        assertThat(refresh.isEmpty()).isTrue();
        DirectoryRead read = read(merge);
        assertThat(read.users()).extracting(DirectoryUser::externalId).containsExactly("id-ann", "id-bob");
        assertThat(read.groups()).containsExactly(
                new DirectoryGroup("id-team", "team", Set.of("id-ann", "id-bob"), Set.of()),
                new DirectoryGroup("id-all", "all", Set.of(), Set.of("id-team")));
        assertThat(merge.updated()).isZero();
        assertThat(merge.removed()).isZero();
    }

    @Test
    void aChangedMailReplacesTheUserInPlace() {
        CacheMerge merge = new CacheMerge(annBobTeam());
        merge.changed(CacheMerge.Kind.USER, "id-ann", dn("ann"), false);
        merge.inScope(new DirectoryEntries.User("id-ann", dn("ann"), "id-ann", "ann.new@x.test", false, null));

        assertThat(merge.apply().isEmpty()).isTrue();

        DirectoryRead read = read(merge);
        assertThat(read.users()).extracting(DirectoryUser::externalId).containsExactly("id-ann", "id-bob");
        assertThat(emails(read)).containsEntry("id-ann", "ann.new@x.test");
        assertThat(memberUsers(read)).containsEntry("id-team", Set.of("id-ann", "id-bob"));
        assertThat(merge.updated()).isEqualTo(1);
    }

    @Test
    void aDisabledUserIsReplacedWithItsFlag() {
        CacheMerge merge = new CacheMerge(annBobTeam());
        merge.changed(CacheMerge.Kind.USER, "id-bob", dn("bob"), false);
        merge.inScope(new DirectoryEntries.User("id-bob", dn("bob"), "id-bob", "bob@x.test", true, null));
        merge.apply();

        assertThat(read(merge).users()).contains(new DirectoryUser("id-bob", "bob@x.test", true, false));
    }

    @Test
    void aNewUserIsAddedAtTheEndAndTheGroupsListingItAreLookedFor() {
        CacheMerge merge = new CacheMerge(annBobTeam());
        merge.changed(CacheMerge.Kind.USER, "id-cy", dn("cy"), false);
        merge.inScope(user("cy"));

        CacheMerge.Refresh refresh = merge.apply();

        assertThat(refresh.memberDns()).containsExactly(dn("cy"));
        assertThat(refresh.groupIds()).isEmpty();
        assertThat(read(merge).users()).extracting(DirectoryUser::externalId).containsExactly("id-ann", "id-bob", "id-cy");
    }

    @Test
    void aMemberAddedToAGroupComesWithTheChangedGroup() {
        CacheMerge merge = new CacheMerge(annBobTeam());
        merge.changed(CacheMerge.Kind.USER, "id-cy", dn("cy"), false);
        merge.changed(CacheMerge.Kind.GROUP, "id-team", "cn=team," + GROUPS, false);
        merge.inScope(user("cy"));
        merge.inScope(group("team", "CN=Ann,OU=People,DC=x", dn("bob"), "CN=cy, OU=people, DC=x"));
        merge.apply();

        assertThat(memberUsers(read(merge))).containsEntry("id-team", Set.of("id-ann", "id-bob", "id-cy"));
    }

    @Test
    void aUserOutOfScopeNowOrDeletedLeavesTheCache() {
        CacheMerge merge = new CacheMerge(annBobTeam());
        merge.changed(CacheMerge.Kind.USER, "id-ann", "cn=ann,ou=elsewhere,dc=x", false); // moved out, or filtered out
        merge.changed(CacheMerge.Kind.USER, "id-bob", "cn=bob\\0adel:id-bob,cn=deleted objects,dc=x", true);

        assertThat(merge.apply().isEmpty()).isTrue();

        DirectoryRead read = read(merge);
        assertThat(read.users()).isEmpty();
        assertThat(memberUsers(read)).containsEntry("id-team", Set.of()); // the values resolve to nothing, as in a full read
        assertThat(merge.removed()).isEqualTo(2);
    }

    @Test
    void aChangedEntryThatWasNeverInScopeChangesNothing() {
        CacheMerge merge = new CacheMerge(annBobTeam());
        merge.changed(CacheMerge.Kind.USER, "id-computer", "cn=pc1,cn=computers,dc=x", false);
        merge.changed(CacheMerge.Kind.GROUP, "id-builtin", "cn=administrators,cn=builtin,dc=x", false);

        assertThat(merge.apply().isEmpty()).isTrue();
        assertThat(merge.entries().users()).isEqualTo(annBobTeam().users());
        assertThat(merge.entries().groups()).isEqualTo(annBobTeam().groups());
        assertThat(merge.removed()).isZero();
    }

    @Test
    void aRenamedUserMakesTheGroupsListingItsOldDnBeReadAgain() {
        CacheMerge merge = new CacheMerge(annBobTeam());
        merge.changed(CacheMerge.Kind.USER, "id-ann", dn("anna"), false);
        merge.inScope(new DirectoryEntries.User("id-ann", dn("anna"), "id-ann", "ann@x.test", false, null));

        CacheMerge.Refresh refresh = merge.apply();

        assertThat(refresh.groupIds()).containsExactly("id-team");
        assertThat(refresh.memberDns()).isEmpty();
        // until then the group's old value names nobody
        assertThat(memberUsers(read(merge))).containsEntry("id-team", Set.of("id-bob"));
        merge.refreshed(group("team", "CN=anna,OU=People,DC=x", dn("bob")));
        assertThat(memberUsers(read(merge))).containsEntry("id-team", Set.of("id-ann", "id-bob"));
    }

    @Test
    void aRenamedGroupMakesTheGroupsNestingItBeReadAgain() {
        CacheMerge merge = new CacheMerge(annBobTeam());
        merge.changed(CacheMerge.Kind.GROUP, "id-team", "cn=crew," + GROUPS, false);
        merge.inScope(new DirectoryEntries.Group("id-team", "cn=crew," + GROUPS, "id-team", "crew", List.of(dn("ann"), dn("bob"))));

        assertThat(merge.apply().groupIds()).containsExactly("id-all");

        merge.refreshed(group("all", "cn=crew," + GROUPS));
        DirectoryRead read = read(merge);
        assertThat(read.groups()).contains(new DirectoryGroup("id-all", "all", Set.of(), Set.of("id-team")),
                new DirectoryGroup("id-team", "crew", Set.of("id-ann", "id-bob"), Set.of()));
    }

    @Test
    void aUserMovedIntoTheSearchBaseIsLookedForInGroupsThatDidNotChange() {
        // team lists cy at her old DN, out of scope then: the server shows the new DN, the group does not change
        DirectoryCache cache = cache(List.of(user("ann")), List.of(group("team", dn("ann"), "cn=cy,ou=elsewhere,dc=x")));
        CacheMerge merge = new CacheMerge(cache);
        merge.changed(CacheMerge.Kind.USER, "id-cy", dn("cy"), false);
        merge.inScope(user("cy"));

        CacheMerge.Refresh refresh = merge.apply();

        assertThat(refresh.memberDns()).containsExactly(dn("cy"));
        assertThat(memberUsers(read(merge))).containsEntry("id-team", Set.of("id-ann"));
        merge.refreshed(group("team", dn("ann"), dn("cy"))); // what the search (member=cn=cy,…) finds
        assertThat(memberUsers(read(merge))).containsEntry("id-team", Set.of("id-ann", "id-cy"));
    }

    @Test
    void aUserEnteringTheScopeUnderTheDnAGroupListsIsResolvedWithoutTheGroupChanging() {
        // dana had no mail, so the filter left her out; team listed her all along
        DirectoryCache cache = cache(List.of(user("ann")), List.of(group("team", dn("ann"), dn("dana"))));
        CacheMerge merge = new CacheMerge(cache);
        merge.changed(CacheMerge.Kind.USER, "id-dana", dn("dana"), false);
        merge.inScope(user("dana"));
        merge.apply();

        assertThat(memberUsers(read(merge))).containsEntry("id-team", Set.of("id-ann", "id-dana"));
    }

    @Test
    void aDnTakenOverByAnotherEntryMakesTheGroupsListingItBeReadAgain() {
        // ann is renamed away (out of scope now) and a new ann takes her DN: team's value meant the old ann
        CacheMerge merge = new CacheMerge(annBobTeam());
        merge.changed(CacheMerge.Kind.USER, "id-ann", "cn=ann-old,ou=leavers,dc=x", false);
        merge.changed(CacheMerge.Kind.USER, "id-ann2", dn("ann"), false);
        merge.inScope(new DirectoryEntries.User("id-ann2", dn("ann"), "id-ann2", "ann2@x.test", false, null));

        CacheMerge.Refresh refresh = merge.apply();

        assertThat(refresh.groupIds()).containsExactly("id-team");
        merge.refreshed(group("team", "cn=ann-old,ou=leavers,dc=x", dn("bob")));
        assertThat(memberUsers(read(merge))).containsEntry("id-team", Set.of("id-bob"));
    }

    @Test
    void groupsChangedInThisReadAreNotReadAgain() {
        CacheMerge merge = new CacheMerge(annBobTeam());
        merge.changed(CacheMerge.Kind.USER, "id-ann", dn("anna"), false);
        merge.changed(CacheMerge.Kind.GROUP, "id-team", "cn=team," + GROUPS, false);
        merge.inScope(new DirectoryEntries.User("id-ann", dn("anna"), "id-ann", "ann@x.test", false, null));
        merge.inScope(group("team", dn("anna"), dn("bob")));

        assertThat(merge.apply().groupIds()).isEmpty();
        assertThat(memberUsers(read(merge))).containsEntry("id-team", Set.of("id-ann", "id-bob"));
    }

    @Test
    void aGroupOutOfScopeNowLeavesTheCacheAndItsNestingGroupsStopResolvingIt() {
        CacheMerge merge = new CacheMerge(annBobTeam());
        merge.changed(CacheMerge.Kind.GROUP, "id-team", "cn=team," + GROUPS, false);
        merge.apply();

        DirectoryRead read = read(merge);
        assertThat(read.groups()).containsExactly(new DirectoryGroup("id-all", "all", Set.of(), Set.of()));
    }

    @Test
    void anEntryInScopeThatTheChangeSearchMissedIsTakenAnyway() {
        // changed between the domain-wide search and the user search: in scope is what the later search says
        CacheMerge merge = new CacheMerge(annBobTeam());
        merge.inScope(user("cy"));

        merge.apply();

        assertThat(read(merge).users()).extracting(DirectoryUser::externalId).contains("id-cy");
    }

    @Test
    void containersRenamedOrMovedNeedAFullReadOtherChangesToThemAreRecorded() {
        CacheMerge merge = new CacheMerge(annBobTeam());

        assertThat(merge.changed(CacheMerge.Kind.CONTAINER, "id-people", PEOPLE, false)).isEmpty(); // e.g. a gPLink
        assertThat(merge.changed(CacheMerge.Kind.CONTAINER, "id-new", "ou=new,dc=x", false)).isEmpty();
        assertThat(merge.changed(CacheMerge.Kind.CONTAINER, "id-groups", "cn=groups\\0adel:id-groups,cn=deleted objects,dc=x",
                true)).isEmpty();
        assertThat(merge.containers()).isEqualTo(Map.of("id-people", PEOPLE, "id-new", "ou=new,dc=x"));

        assertThat(merge.changed(CacheMerge.Kind.CONTAINER, "id-people", "ou=staff,dc=x", false))
                .hasValueSatisfying(reason -> assertThat(reason).contains(PEOPLE).contains("ou=staff,dc=x"));
    }

    @Test
    void memberDnsAreKeptAsKeys() {
        DirectoryEntries.Group group = DirectoryCache.withMemberKeys(group("team", "CN=Ann , OU=People,DC=x", "jdoe"));

        assertThat(group.members()).containsExactly(dn("ann"), "jdoe");
        assertThat(DirectoryCache.withMemberKeys(group)).isEqualTo(group);
        for (String dn : List.of("CN=Smith\\, Ann,OU=People,DC=x", "cn=a+uid=b,dc=x", "CN=Zoë,DC=x", "CN=#04024869,DC=x")) {
            assertThat(DnKey.of(DnKey.of(dn))).as(dn).isEqualTo(DnKey.of(dn));
        }
    }
}
