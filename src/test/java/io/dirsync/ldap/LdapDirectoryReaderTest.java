package io.dirsync.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import io.dirsync.ConfigurationException;
import io.dirsync.SourceException;
import io.dirsync.config.Settings;
import io.dirsync.config.SyncSettings;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.DirectoryUser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader's mapping against UnboundID's in-memory server (slapd and Samba cover the real servers). */
class LdapDirectoryReaderTest {

    private static final String BASE = "dc=example,dc=com";
    private static final SyncSettings USERS_AND_GROUPS = new SyncSettings(true, true);

    private InMemoryDirectoryServer server;
    private final List<String[]> requestedAttributes = new CopyOnWriteArrayList<>();
    /** Lets a test change what the server answers, as Windows AD does (ranges). */
    private volatile InMemoryOperationInterceptor interceptor;

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutDown(true);
        }
    }

    private void start(int maxSizeLimit, String... ldif) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.addAdditionalBindCredentials("cn=reader," + BASE, "s3cret");
        config.setSchema(null); // AD attributes (objectGUID, userAccountControl) are not in the standard schema
        config.setMaxSizeLimit(maxSizeLimit);
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSearchRequest(InMemoryInterceptedSearchRequest request) throws LDAPException {
                requestedAttributes.add(request.getRequest().getAttributeList().toArray(new String[0]));
                if (interceptor != null) {
                    interceptor.processSearchRequest(request);
                }
            }

            @Override
            public void processSearchEntry(InMemoryInterceptedSearchEntry entry) {
                if (interceptor != null) {
                    interceptor.processSearchEntry(entry);
                }
            }
        });
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: example");
        server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
        List<String> lines = new ArrayList<>();
        for (String line : ldif) {
            if (line.isEmpty()) {
                server.add(lines.toArray(new String[0]));
                lines.clear();
            } else {
                lines.add(line);
            }
        }
        if (!lines.isEmpty()) {
            server.add(lines.toArray(new String[0]));
        }
        server.startListening();
    }

    private Map<String, String> settings(String... keyValues) {
        Map<String, String> settings = new HashMap<>();
        settings.put("ldap.url", "ldap://127.0.0.1:" + server.getListenPort());
        settings.put("ldap.bind-dn", "cn=reader," + BASE);
        settings.put("ldap.password", "s3cret");
        settings.put("ldap.root-path", BASE);
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }

    private DirectoryRead read(Map<String, String> settings, SyncSettings sync) {
        return new LdapDirectoryReader().readFully(LdapSettings.from(Settings.of(settings)), sync, false);
    }

    private static String person(String uid, String mail) {
        return "dn: uid=" + uid + ",ou=people," + BASE + "\nobjectClass: person\nobjectClass: inetOrgPerson\nuid: " + uid
                + "\ncn: " + uid + "\nsn: " + uid + (mail == null ? "" : "\nmail: " + mail) + "\n";
    }

    private static String[] entries(String... blocks) {
        List<String> lines = new ArrayList<>();
        for (String block : blocks) {
            lines.addAll(List.of(block.split("\n")));
            lines.add("");
        }
        return lines.toArray(new String[0]);
    }

    private static Map<String, DirectoryGroup> byName(List<DirectoryGroup> groups) {
        return groups.stream().collect(Collectors.toMap(DirectoryGroup::name, Function.identity()));
    }

    @Test
    void membersGivenAsDnsResolveToUsersAndNestedGroupsWhateverTheirCaseAndSpacing() throws Exception {
        start(0, entries(
                person("ann", "Ann@Example.com"),
                person("bob", "bob@example.com"),
                "dn: cn=inner,ou=groups," + BASE + "\nobjectClass: groupOfNames\ncn: inner\nmember: UID=Bob, OU=People, DC=Example, DC=Com",
                "dn: cn=outer,ou=groups," + BASE + "\nobjectClass: groupOfNames\ncn: outer\nmember: uid=ann,ou=people," + BASE
                        + "\nmember: CN=Inner,ou=groups," + BASE + "\nmember: cn=nobody,ou=people," + BASE));

        DirectoryRead read = read(settings(), USERS_AND_GROUPS);

        assertThat(read.users()).containsExactlyInAnyOrder(
                new DirectoryUser("uid=ann,ou=people," + BASE, "Ann@Example.com", false, false),
                new DirectoryUser("uid=bob,ou=people," + BASE, "bob@example.com", false, false));
        Map<String, DirectoryGroup> groups = byName(read.groups());
        assertThat(groups.get("inner").memberUserIds()).containsExactly("uid=bob,ou=people," + BASE);
        assertThat(groups.get("outer").memberUserIds()).containsExactly("uid=ann,ou=people," + BASE);
        assertThat(groups.get("outer").memberGroupIds()).containsExactly("cn=inner,ou=groups," + BASE);
    }

    @Test
    void membersGivenAsUidsResolveCaseInsensitively() throws Exception {
        start(0, entries(
                person("MikiP", "miki@example.com"),
                "dn: cn=devops,ou=groups," + BASE + "\nobjectClass: posixGroup\ncn: devops\ngidNumber: 5\nmemberUid: mikip\nmemberUid: ghost"));

        DirectoryRead read = read(settings("sync.group-object-class", "posixGroup", "sync.member-attribute", "memberUid"),
                USERS_AND_GROUPS);

        assertThat(read.groups()).singleElement().satisfies(group ->
                assertThat(group.memberUserIds()).containsExactly("uid=MikiP,ou=people," + BASE));
    }

    @Test
    void aMemberOutsideTheUserFilterIsNotAMember() throws Exception {
        start(0, entries(
                person("ann", "ann@example.com"),
                person("bob", "bob@example.com"),
                "dn: cn=team,ou=groups," + BASE + "\nobjectClass: groupOfNames\ncn: team\nmember: uid=ann,ou=people," + BASE
                        + "\nmember: uid=bob,ou=people," + BASE));

        DirectoryRead read = read(settings("sync.user-filter", "(uid=ann)"), USERS_AND_GROUPS);

        assertThat(read.users()).extracting(DirectoryUser::email).containsExactly("ann@example.com");
        assertThat(read.groups().get(0).memberUserIds()).containsExactly("uid=ann,ou=people," + BASE);
    }

    @Test
    void pathsNarrowTheSearchesAsBwdcBuildsThem() throws Exception {
        start(0, entries(
                person("ann", "ann@example.com"),
                "dn: ou=contractors," + BASE + "\nobjectClass: organizationalUnit\nou: contractors",
                "dn: uid=cat,ou=contractors," + BASE + "\nobjectClass: person\nobjectClass: inetOrgPerson\nuid: cat\ncn: cat\nsn: cat\nmail: cat@example.com"));

        DirectoryRead read = read(settings("ldap.root-path", "ou=ignored," + BASE, "sync.user-path", "ou=contractors"),
                new SyncSettings(true, false));

        assertThat(read.users()).extracting(DirectoryUser::email).containsExactly("cat@example.com");
        assertThat(read.groups()).isEmpty();
    }

    @Test
    void asksOnlyForTheAttributesItMaps() throws Exception {
        start(0, entries(person("ann", "ann@example.com"),
                "dn: cn=team,ou=groups," + BASE + "\nobjectClass: groupOfNames\ncn: team\nmember: uid=ann,ou=people," + BASE));

        read(settings(), USERS_AND_GROUPS);

        // the two searches run at the same time, so in either order
        assertThat(requestedAttributes).hasSize(2);
        assertThat(requestedAttributes).anySatisfy(users -> assertThat(users).containsExactly("mail", "uid"));
        assertThat(requestedAttributes).anySatisfy(groups -> assertThat(groups).containsExactly("cn", "member"));
    }

    @Test
    void theGroupsAreSearchedWhileTheUsersAreRead() throws Exception {
        start(0, entries(person("ann", "ann@example.com"),
                "dn: cn=team,ou=groups," + BASE + "\nobjectClass: groupOfNames\ncn: team\nmember: uid=ann,ou=people," + BASE));
        CountDownLatch groupsSearched = new CountDownLatch(1);
        AtomicBoolean usersWaitedForTheGroups = new AtomicBoolean();
        interceptor = new InMemoryOperationInterceptor() {
            @Override
            public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
                if (isGroupSearch(request)) {
                    groupsSearched.countDown();
                } else {
                    // one search after the other would wait here in vain
                    usersWaitedForTheGroups.set(await(groupsSearched));
                }
            }
        };

        DirectoryRead read = read(settings(), USERS_AND_GROUPS);

        assertThat(usersWaitedForTheGroups).isTrue();
        assertThat(read.groups()).singleElement()
                .satisfies(group -> assertThat(group.memberUserIds()).containsExactly("uid=ann,ou=people," + BASE));
    }

    @Test
    void pastItsLimitOfValuesHeldAsReadBeforeTheUsersAreInTheGroupSearchStopsAtTheEndOfAPage() throws Exception {
        start(0, entries(teamsOfAnn(5)));
        List<String> groupPages = groupSearches(() -> { });
        LdapSettings ldap = LdapSettings.from(Settings.of(settings("ldap.page-size", "2")));

        try (ConcurrentGroupRead groups = ConcurrentGroupRead.start(ldap, new EntryMapper(ldap), new DirectoryEntries(), 1)) {
            // its first page holds two values as read, past the limit of one, and the users are not in
            assertThat(groups.groups()).isEmpty();
            assertThat(groupPages).hasSize(1);
        }
    }

    @Test
    void groupsWhoseSearchStoppedAtItsLimitAreReadAgainOnceTheUsersAreIn() throws Exception {
        start(0, entries(teamsOfAnn(5)));
        // the users are in only once the search alongside has ended, as in a directory far larger
        List<String> groupPages = groupSearches(LdapDirectoryReaderTest::awaitNoGroupSearchThread);
        LdapSettings ldap = LdapSettings.from(Settings.of(settings("ldap.page-size", "2")));

        DirectoryRead read;
        try (com.unboundid.ldap.sdk.LDAPConnection connection = new LdapConnector(ldap).open()) {
            read = LdapDirectoryReader.readAll(connection, ldap, USERS_AND_GROUPS, new EntryMapper(ldap), 1)
                    .resolve(List.of());
        }

        // one page alongside, then the five groups again in three pages
        assertThat(groupPages).hasSize(4);
        assertThat(read.groups()).hasSize(5).allSatisfy(group ->
                assertThat(group.memberUserIds()).containsExactly("uid=ann,ou=people," + BASE));
    }

    private static String[] teamsOfAnn(int teams) {
        String[] blocks = new String[teams + 1];
        blocks[0] = person("ann", "ann@example.com");
        for (int i = 1; i <= teams; i++) {
            blocks[i] = "dn: cn=team" + i + ",ou=groups," + BASE + "\nobjectClass: groupOfNames\ncn: team" + i
                    + "\nmember: UID=Ann,ou=people," + BASE;
        }
        return blocks;
    }

    /** The group searches the server is asked for, one per page; {@code beforeUserSearch} runs as a user search arrives. */
    private List<String> groupSearches(Runnable beforeUserSearch) {
        List<String> pages = new CopyOnWriteArrayList<>();
        interceptor = new InMemoryOperationInterceptor() {
            @Override
            public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
                if (isGroupSearch(request)) {
                    pages.add("page");
                } else {
                    beforeUserSearch.run();
                }
            }
        };
        return pages;
    }

    private static void awaitNoGroupSearchThread() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("dirsync-ldap-groups"))) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void aFailedGroupSearchFailsTheReadNamingTheGroupSetting() throws Exception {
        start(0, entries(person("ann", "ann@example.com")));

        assertThatThrownBy(() -> read(settings("sync.group-path", "ou=nowhere"), USERS_AND_GROUPS))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("LDAP search for groups under 'ou=nowhere," + BASE + "'")
                .hasMessageContaining("sync.group-path");
    }

    @Test
    void aFailedUserSearchEndsTheGroupSearchItWaitedOn() throws Exception {
        start(0, entries(person("ann", "ann@example.com"),
                "dn: cn=team,ou=groups," + BASE + "\nobjectClass: groupOfNames\ncn: team\nmember: uid=ann,ou=people," + BASE));
        CountDownLatch groupSearchHeld = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        interceptor = new InMemoryOperationInterceptor() {
            @Override
            public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
                if (!isGroupSearch(request)) {
                    await(groupSearchHeld); // the users' search fails once the groups' is under way
                }
            }

            @Override
            public void processSearchEntry(InMemoryInterceptedSearchEntry entry) {
                if (entry.getSearchEntry().getDN().startsWith("cn=team,")) {
                    groupSearchHeld.countDown();
                    await(released); // a group search that would not end on its own
                }
            }
        };
        try {
            long started = System.nanoTime();
            assertThatThrownBy(() -> read(settings("sync.user-path", "ou=nowhere"), USERS_AND_GROUPS))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("sync.user-path");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("dirsync-ldap-groups"));
        } finally {
            released.countDown();
        }
    }

    private static boolean isGroupSearch(InMemoryInterceptedSearchRequest request) {
        return request.getRequest().getAttributeList().contains("member");
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void readsEveryPageWhenTheServerCapsResultSizes() throws Exception {
        String[] people = new String[25];
        for (int i = 0; i < people.length; i++) {
            people[i] = person("user" + i, "user" + i + "@example.com");
        }
        start(10, entries(people));

        DirectoryRead read = read(settings("ldap.page-size", "7"), new SyncSettings(true, false));

        assertThat(read.users()).hasSize(25);
    }

    @Test
    void aSizeLimitThatEndsTheReadIsNamedAsTheBindAccountsLimit() throws Exception {
        String[] people = new String[25];
        for (int i = 0; i < people.length; i++) {
            people[i] = person("user" + i, "user" + i + "@example.com");
        }
        start(10, entries(people));

        assertThatThrownBy(() -> read(settings("ldap.page-size", "1000"), new SyncSettings(true, false)))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("size limit for the bind account (ldap.bind-dn)")
                .hasMessageContaining("a smaller ldap.page-size does not lift it");
    }

    @Test
    void aFilterThatDoesNotParseSaysWhyWithoutNull() throws Exception {
        start(0);

        assertThatThrownBy(() -> read(settings("sync.user-filter", "(uid=x"), new SyncSettings(true, false)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid setting sync.user-filter=(uid=x: not an LDAP filter (it has an opening parenthesis at"
                        + " position 0 without the expected closing parenthesis at position 5).");
    }

    @Test
    void aConfiguredAttributeBecomesTheExternalId() throws Exception {
        start(0, entries(person("ann", "ann@example.com") + "description: id-ann"));

        DirectoryRead read = read(settings("ldap.external-id-attribute", "description"), new SyncSettings(true, false));

        assertThat(read.users()).extracting(DirectoryUser::externalId).containsExactly("id-ann");
    }

    @Test
    void anEntryWithoutTheExternalIdAttributeFailsTheRead() throws Exception {
        start(0, entries(person("ann", "ann@example.com")));

        assertThatThrownBy(() -> read(settings("ldap.external-id-attribute", "description"), new SyncSettings(true, false)))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("ldap.external-id-attribute");
    }

    @Test
    void activeDirectoryModeMapsObjectGuidDisabledAccountsAndEmailPrefix() throws Exception {
        start(0);
        server.add(new Entry("cn=Users," + BASE, new Attribute("objectClass", "container"), new Attribute("cn", "Users")));
        server.add(new Entry("cn=Ann,cn=Users," + BASE,
                new Attribute("objectClass", "person"), new Attribute("cn", "Ann"),
                new Attribute("objectGUID", HexFormat.of().parseHex("33221100554477668899aabbccddeeff")),
                new Attribute("userAccountControl", "514"), new Attribute("sAMAccountName", "ann")));
        server.add(new Entry("cn=Staff,cn=Users," + BASE,
                new Attribute("objectClass", "group"), new Attribute("cn", "Staff"), new Attribute("name", "Staff Team"),
                new Attribute("objectGUID", HexFormat.of().parseHex("00000000000000000000000000000001")),
                new Attribute("member", "CN=Ann,CN=Users," + BASE)));
        interceptor = new RangeLimitingInterceptor(MemberRanges.STEP); // AD answers member;range=0-* here

        DirectoryRead read = read(settings("ldap.active-directory", "true", "sync.use-email-prefix-suffix", "true",
                "sync.email-suffix", "@corp.example"), USERS_AND_GROUPS);

        assertThat(read.users()).containsExactly(
                new DirectoryUser("00112233-4455-6677-8899-aabbccddeeff", "ann@corp.example", true, false));
        assertThat(read.groups()).singleElement().satisfies(group -> {
            assertThat(group.externalId()).isEqualTo("00000000-0000-0000-0000-000000000001");
            assertThat(group.name()).isEqualTo("Staff Team");
            assertThat(group.memberUserIds()).containsExactly("00112233-4455-6677-8899-aabbccddeeff");
        });
    }

    @Test
    void activeDirectoryGroupsLargerThanTheServersRangeAreReadRangeByRange() throws Exception {
        start(0);
        server.add(new Entry("cn=Users," + BASE, new Attribute("objectClass", "container"), new Attribute("cn", "Users")));
        List<String> memberDns = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String dn = "cn=u" + i + ",cn=Users," + BASE;
            memberDns.add(dn);
            server.add(new Entry(dn, new Attribute("objectClass", "person"), new Attribute("cn", "u" + i),
                    new Attribute("mail", "u" + i + "@corp.example"),
                    new Attribute("objectGUID", HexFormat.of().parseHex(String.format("%032x", i + 1)))));
        }
        server.add(new Entry("cn=Big,cn=Users," + BASE, new Attribute("objectClass", "group"), new Attribute("cn", "Big"),
                new Attribute("objectGUID", HexFormat.of().parseHex("ff".repeat(16))), new Attribute("member", memberDns)));
        RangeLimitingInterceptor ranges = new RangeLimitingInterceptor(7);
        interceptor = ranges;

        DirectoryRead read = read(settings("ldap.active-directory", "true"), USERS_AND_GROUPS);

        assertThat(read.groups()).singleElement().satisfies(group -> assertThat(group.memberUserIds()).hasSize(25));
        // the paged group search asked for the first AD range, then the rest came 7 at a time: 0-6 … 21-24
        assertThat(ranges.requested).containsExactly("member;range=0-1499", "member;range=7-*", "member;range=14-*",
                "member;range=21-*");
    }

    @Test
    void wrongPasswordIsOneLineNamingTheSettings() throws Exception {
        start(0);

        assertThatThrownBy(() -> read(settings("ldap.password", "wrong"), USERS_AND_GROUPS))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("invalid credentials")
                .hasMessageContaining("ldap.password")
                .hasMessageNotContaining("wrong")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unreachableServerNamesTheUrl() throws Exception {
        start(0);
        int port = server.getListenPort();
        server.shutDown(true);
        server = null;

        Map<String, String> settings = new HashMap<>();
        settings.put("ldap.url", "ldap://127.0.0.1:" + port);
        settings.put("ldap.root-path", BASE);
        assertThatThrownBy(() -> new LdapDirectoryReader().readFully(LdapSettings.from(Settings.of(settings)), USERS_AND_GROUPS, false))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("Cannot connect to LDAP server ldap://127.0.0.1:" + port)
                .hasMessageContaining("ldap.url");
    }

    @Test
    void aMissingSearchBaseIsNamed() throws Exception {
        start(0);

        assertThatThrownBy(() -> read(settings("sync.user-path", "ou=nowhere"), USERS_AND_GROUPS))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("ou=nowhere," + BASE)
                .hasMessageContaining("sync.user-path");
    }

    @Test
    void incrementalReadsNeedActiveDirectory() {
        Map<String, String> settings = Map.of("ldap.url", "ldap://127.0.0.1:1", "ldap.root-path", BASE,
                "ldap.incremental", "true");

        assertThatThrownBy(() -> LdapSettings.from(Settings.of(settings)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid setting ldap.incremental=true")
                .hasMessageContaining("ldap.active-directory=true");
    }

    @Test
    void incrementalReadsOfAServerWithoutUsnsAreFullAndLeaveNoCache(@TempDir Path state) throws Exception {
        start(0);
        server.add(new Entry("cn=Ann,ou=people," + BASE, new Attribute("objectClass", "person"), new Attribute("cn", "Ann"),
                new Attribute("mail", "ann@example.com"),
                new Attribute("objectGUID", HexFormat.of().parseHex("33221100554477668899aabbccddeeff"))));
        Map<String, String> settings = settings("ldap.active-directory", "true", "ldap.incremental", "true",
                "sync.user-path", "ou=people", "sync.group-path", "ou=groups");
        LdapSettings ldap = LdapSettings.from(Settings.of(settings));
        DirectoryCacheFile cache = new DirectoryCacheFile(state);

        IncrementalRead.Result incremental = new LdapDirectoryReader().readIncrementally(ldap, USERS_AND_GROUPS,
                new IncrementalRead.Options(cache, "sha256:x", Duration.ofHours(24), false, Clock.systemUTC()));
        DirectoryRead read = incremental.read();

        assertThat(read).isEqualTo(read(settings, USERS_AND_GROUPS));
        assertThat(read.users()).containsExactly(
                new DirectoryUser("00112233-4455-6677-8899-aabbccddeeff", "ann@example.com", false, false));
        assertThat(incremental.cacheUpdate()).isNull();
        assertThat(cache.file()).doesNotExist();
    }

    @Test
    void aMalformedFilterIsAConfigurationError() {
        Map<String, String> settings = Map.of("ldap.url", "ldap://127.0.0.1:1", "ldap.root-path", BASE,
                "sync.user-filter", "(&(cn=x)");

        assertThatThrownBy(() -> LdapSettings.from(Settings.of(settings)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid setting sync.user-filter=(&(cn=x)");
    }

    /**
     * Serves {@code member;range=…} requests the way Windows AD does with a MaxValRange of {@code step}: the
     * in-memory server knows no ranges, so the request asks for plain {@code member} and each entry is cut.
     */
    private static final class RangeLimitingInterceptor extends InMemoryOperationInterceptor {
        private final int step;
        final List<String> requested = new CopyOnWriteArrayList<>();
        private final Map<Integer, Integer> rangeStartByMessage = new java.util.concurrent.ConcurrentHashMap<>();

        RangeLimitingInterceptor(int step) {
            this.step = step;
        }

        @Override
        public void processSearchRequest(InMemoryInterceptedSearchRequest request) throws LDAPException {
            List<String> attributes = new ArrayList<>();
            for (String attribute : request.getRequest().getAttributeList()) {
                if (attribute.toLowerCase().startsWith("member;range=")) {
                    requested.add(attribute);
                    String range = attribute.substring("member;range=".length());
                    rangeStartByMessage.put(request.getMessageID(), Integer.parseInt(range.substring(0, range.indexOf('-'))));
                    attributes.add("member");
                } else {
                    attributes.add(attribute);
                }
            }
            com.unboundid.ldap.sdk.SearchRequest changed = request.getRequest().duplicate();
            changed.setAttributes(attributes);
            request.setRequest(changed);
        }

        @Override
        public void processSearchEntry(InMemoryInterceptedSearchEntry intercepted) {
            Integer start = rangeStartByMessage.get(intercepted.getMessageID());
            com.unboundid.ldap.sdk.SearchResultEntry entry = intercepted.getSearchEntry();
            Attribute members = entry.getAttribute("member");
            if (start == null || members == null) {
                return;
            }
            String[] all = members.getValues();
            int end = Math.min(all.length, start + step);
            String range = "member;range=" + start + "-" + (end == all.length ? "*" : String.valueOf(end - 1));
            Entry cut = entry.duplicate();
            cut.removeAttribute("member");
            cut.addAttribute(new Attribute(range, java.util.Arrays.copyOfRange(all, start, end)));
            intercepted.setSearchEntry(cut);
        }
    }
}
