package io.dirsync.ldap;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.dirsync.SourceException;
import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.config.SyncSettings;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.ReadOptions;
import io.dirsync.state.CacheUpdate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LDAP source, step "read" of the sync route: users and groups, at the same time on two connections, each a
 * paged, streamed search asking only for the attributes it maps. Group members (DNs as in {@code member}, or uids
 * as in {@code memberUid}) are resolved to the externalIds of the users and groups read. With
 * {@code ldap.incremental=true} (Active Directory), a sync reads only what changed since the last read, when it can
 * ({@link IncrementalRead}).
 */
public class LdapDirectoryReader extends ConfiguredStep<Settings> {

    private static final Logger LOG = LoggerFactory.getLogger(LdapDirectoryReader.class);
    /** Active Directory's LDAP_SERVER_SHOW_DELETED_OID: tombstones are returned too. */
    static final String SHOW_DELETED = "1.2.840.113556.1.4.417";

    @Override
    protected Settings settingsFrom(Settings settings) {
        return settings;
    }

    /**
     * The route step: a complete read as {@code options} ask (a sync's when there are none), incremental where
     * {@code ldap.incremental=true} allows it and the run has fingerprinted its settings; then, in
     * {@link CacheUpdate#PROPERTY}, the directory cache the run's commit is to write.
     */
    @Handler
    public DirectoryRead read(@ExchangeProperty(ReadOptions.PROPERTY) ReadOptions options, Exchange exchange) {
        ReadOptions asked = options == null ? ReadOptions.SYNC : options;
        Settings settings = settings();
        LdapSettings ldap = LdapSettings.from(settings);
        SyncSettings sync = SyncSettings.from(settings);
        if (ldap.incremental() && !asked.includeDeleted() && asked.settingsFingerprint() != null) {
            IncrementalRead.Result incremental = readIncrementally(ldap, sync, new IncrementalRead.Options(
                    DirectoryCacheFile.of(settings), asked.settingsFingerprint(), sync.fullEvery(), asked.full(),
                    Clock.systemUTC()));
            exchange.setProperty(CacheUpdate.PROPERTY, incremental.cacheUpdate());
            return incremental.read();
        }
        return readFully(ldap, sync, asked.includeDeleted());
    }

    /** A full read; tombstones too when {@code includeDeleted} (Active Directory, users synced). */
    DirectoryRead readFully(LdapSettings ldap, SyncSettings sync, boolean includeDeleted) {
        warnAboutIgnoredRootPath(ldap.rootPath());
        long started = System.nanoTime();
        EntryMapper mapper = new EntryMapper(ldap);
        try (LDAPConnection connection = new LdapConnector(ldap).open()) {
            DirectoryEntries entries = readAll(connection, ldap, sync, mapper);
            List<DirectoryUser> deleted = includeDeleted && ldap.activeDirectory() && sync.users()
                    ? readDeletedUsers(connection, ldap, mapper) : List.of();
            DirectoryRead read = entries.resolve(deleted);
            logRead(read, ldap, started);
            return read;
        }
    }

    /** A read with {@code ldap.incremental=true}: only what changed since the directory cache, when it can be. */
    IncrementalRead.Result readIncrementally(LdapSettings ldap, SyncSettings sync, IncrementalRead.Options options) {
        warnAboutIgnoredRootPath(ldap.rootPath());
        long started = System.nanoTime();
        try (LDAPConnection connection = new LdapConnector(ldap).open()) {
            IncrementalRead.Result incremental = new IncrementalRead(ldap, sync, options).read(connection);
            logRead(incremental.read(), ldap, started);
            return incremental;
        }
    }

    /**
     * Every user and group in scope, as read (users even for a groups-only run: they resolve the groups' members, as
     * in bwdc), group members read to the last range. The users are read on {@code connection}, the groups at the
     * same time on a second one ({@link ConcurrentGroupRead}).
     */
    static DirectoryEntries readAll(LDAPConnection connection, LdapSettings ldap, SyncSettings sync, EntryMapper mapper) {
        return readAll(connection, ldap, sync, mapper, ConcurrentGroupRead.HELD_AS_READ);
    }

    /** {@link #readAll}, the group search alongside holding at most {@code maxHeldAsRead} member values as read. */
    static DirectoryEntries readAll(LDAPConnection connection, LdapSettings ldap, SyncSettings sync, EntryMapper mapper,
                                    int maxHeldAsRead) {
        DirectoryEntries entries = new DirectoryEntries();
        Problems problems = new Problems();
        if (!sync.groups()) {
            readUsers(connection, ldap, mapper, entries, problems, false);
            return entries;
        }
        try (ConcurrentGroupRead groupRead = ConcurrentGroupRead.start(ldap, mapper, entries, maxHeldAsRead)) {
            readUsers(connection, ldap, mapper, entries, problems, true);
            groupRead.usersRead();
            // a member that names a user is held as that user's own DN string: memberships add no strings
            UnaryOperator<String> held = entries::memberValue;
            List<EntryMapper.GroupEntry> groups = groupRead.groups()
                    .orElseGet(() -> readGroups(connection, ldap, mapper, held));
            // large Active Directory groups arrive in ranges: the rest is read once the paged search is over
            for (EntryMapper.GroupEntry group : groups) {
                group.readRemainingMembers(connection, ldap.memberAttribute(), held);
                entries.add(group.toGroup());
            }
        }
        return entries;
    }

    /** The groups on {@code connection}, after the users: where the search alongside stopped at its limit. */
    private static List<EntryMapper.GroupEntry> readGroups(LDAPConnection connection, LdapSettings ldap,
                                                           EntryMapper mapper, UnaryOperator<String> held) {
        List<EntryMapper.GroupEntry> groups = new ArrayList<>();
        Problems problems = new Problems();
        searchGroups(connection, ldap, mapper, held, groups, problems, () -> true);
        problems.fail();
        return groups;
    }

    /**
     * The groups' paged search, each group added to {@code groups} with its member values held as {@code held} makes
     * them; {@code mayReadAnotherPage} as {@link PagedSearch} asks it.
     */
    static void searchGroups(LDAPConnection connection, LdapSettings ldap, EntryMapper mapper, UnaryOperator<String> held,
                             List<EntryMapper.GroupEntry> groups, Problems problems, BooleanSupplier mayReadAnotherPage) {
        PagedSearch.run(connection, "groups", ldap.groupSearchBase(), ldap.groupFilter(), mapper.groupAttributes(),
                ldap.pageSize(), entry -> addGroup(mapper, entry, groups, problems, held), mayReadAnotherPage);
    }

    private static void readUsers(LDAPConnection connection, LdapSettings ldap, EntryMapper mapper,
                                  DirectoryEntries entries, Problems problems, boolean resolvingMembers) {
        PagedSearch.run(connection, "users", ldap.userSearchBase(), ldap.userFilter(),
                mapper.userAttributes(resolvingMembers), ldap.pageSize(), entry -> addUser(mapper, entry, entries, problems));
        problems.fail();
    }

    static void addUser(EntryMapper mapper, SearchResultEntry entry, DirectoryEntries entries, Problems problems) {
        String externalId = mapper.externalId(entry);
        if (externalId == null) {
            problems.add(entry.getDN());
        } else {
            entries.add(mapper.user(entry, externalId));
        }
    }

    /** Adds the entry's group, its member values held as {@code held} makes them. */
    static void addGroup(EntryMapper mapper, SearchResultEntry entry, List<EntryMapper.GroupEntry> groups, Problems problems,
                         UnaryOperator<String> held) {
        String externalId = mapper.externalId(entry);
        if (externalId == null) {
            problems.add(entry.getDN());
        } else {
            groups.add(mapper.group(entry, externalId, held));
        }
    }

    static void logRead(DirectoryRead read, LdapSettings ldap, long started) {
        LOG.info("Read {} users and {} groups from {} in {} ms", read.users().size(), read.groups().size(),
                ldap.server(), (System.nanoTime() - started) / 1_000_000);
    }

    /** bwdc's search of CN=Deleted Objects with the show-deleted control; a failure is only a warning, as there. */
    private static List<DirectoryUser> readDeletedUsers(LDAPConnection connection, LdapSettings ldap, EntryMapper mapper) {
        String base = SearchBase.of(ldap.rootPath(), "CN=Deleted Objects");
        Filter filter = Filter.createANDFilter(ldap.userObjectClassFilter(), Filter.createEqualityFilter("isDeleted", "TRUE"));
        List<DirectoryUser> deleted = new ArrayList<>();
        try {
            PagedSearch.run(connection, "deleted users", base, filter, mapper.userAttributes(false), ldap.pageSize(),
                    entry -> {
                        String externalId = mapper.externalId(entry);
                        if (externalId != null) {
                            deleted.add(mapper.deletedUser(entry, externalId));
                        }
                    }, new Control(SHOW_DELETED, true));
        } catch (SourceException e) {
            LOG.warn("Cannot read deleted users: {}", e.getMessage());
            return List.of();
        }
        return deleted;
    }

    private static void warnAboutIgnoredRootPath(String rootPath) {
        String ignored = SearchBase.ignoredPrefix(rootPath);
        if (!ignored.isEmpty()) {
            LOG.warn("ldap.root-path starts with '{}', which is ignored (as bwdc does): searches start at the dc= part."
                    + " Put it in sync.user-path / sync.group-path instead.", ignored);
        }
    }

    /** Entries without an externalId: any fails the read, with the first one named. */
    static final class Problems {
        private final List<String> dns = new ArrayList<>();

        void add(String dn) {
            dns.add(dn);
        }

        void fail() {
            if (!dns.isEmpty()) {
                throw new SourceException(dns.size() + " entries have no value for the externalId attribute, e.g. "
                        + dns.get(0) + ". Check ldap.external-id-attribute (and that the bind DN may read it).");
            }
        }
    }
}
