package io.dirsync.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import io.dirsync.SourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.UnaryOperator;

/**
 * The groups search of a full read, on a connection of its own, while the users are read on the other: the two
 * searches overlap instead of following each other, and each mostly waits on the server.
 *
 * <p>A member value is held as the users read make it ({@link DirectoryEntries#memberValue}) once all users are in;
 * until then, as it was read, and the resolution after the read looks it up. At most {@code maxHeldAsRead} values
 * are held that way: past that, before the users are read, the search stops at the end of a page and the groups are
 * to be read again once the users are in. A directory of a million users so holds no millions of member strings
 * twice, and no connection waits idle on a server or a firewall that would close it.
 */
final class ConcurrentGroupRead implements AutoCloseable {

    /** At some 90 bytes a DN, about 45 MB: every membership of a directory of 100,000 users fits. */
    static final int HELD_AS_READ = 500_000;

    private final FutureTask<Optional<List<EntryMapper.GroupEntry>>> search;
    private final Thread thread;
    private final int maxHeldAsRead;
    private volatile boolean usersRead;
    private volatile boolean abandoned;
    private volatile LDAPConnection connection;
    /** The search thread's own: values held as read so far, and whether it stopped at its limit. */
    private int heldAsRead;
    private boolean stoppedAtLimit;

    private ConcurrentGroupRead(LdapSettings ldap, EntryMapper mapper, DirectoryEntries entries, int maxHeldAsRead) {
        this.maxHeldAsRead = maxHeldAsRead;
        this.search = new FutureTask<>(() -> read(ldap, mapper, entries));
        this.thread = new Thread(search, "dirsync-ldap-groups");
        thread.setDaemon(true);
    }

    /**
     * Starts the groups search; {@code entries} receives the users, from the caller's thread, which says when they
     * are all in ({@link #usersRead}).
     */
    static ConcurrentGroupRead start(LdapSettings ldap, EntryMapper mapper, DirectoryEntries entries, int maxHeldAsRead) {
        ConcurrentGroupRead read = new ConcurrentGroupRead(ldap, mapper, entries, maxHeldAsRead);
        read.thread.start();
        return read;
    }

    /** All users are in {@code entries}, and none will be added: member values from now on are held as they make them. */
    void usersRead() {
        usersRead = true;
    }

    /**
     * Once the search is over, the groups in the order the server sent them; empty when it stopped at its limit of
     * values held as read, and they are to be read again. Its failure, if it failed.
     */
    Optional<List<EntryMapper.GroupEntry>> groups() {
        try {
            return search.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("Interrupted while reading the groups: nothing was read.", e);
        }
    }

    /** Ends the search if it still runs (the users' read failed) and waits for its thread. */
    @Override
    public void close() {
        if (search.isDone()) {
            return;
        }
        abandoned = true;
        LDAPConnection current = connection;
        if (current != null) {
            current.close();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<List<EntryMapper.GroupEntry>> read(LdapSettings ldap, EntryMapper mapper, DirectoryEntries entries) {
        List<EntryMapper.GroupEntry> groups = new ArrayList<>();
        LdapDirectoryReader.Problems problems = new LdapDirectoryReader.Problems();
        UnaryOperator<String> held = value -> hold(value, entries);
        try (LDAPConnection opened = new LdapConnector(ldap).open()) {
            connection = opened;
            if (abandoned) {
                throw new CancellationException();
            }
            LdapDirectoryReader.searchGroups(opened, ldap, mapper, held, groups, problems, this::mayReadAnotherPage);
        }
        if (stoppedAtLimit) {
            return Optional.empty();
        }
        problems.fail();
        return Optional.of(groups);
    }

    private String hold(String value, DirectoryEntries entries) {
        if (usersRead) {
            return entries.memberValue(value);
        }
        heldAsRead++;
        // a String keeps its hash: computed here, while the users are still being read, not in the resolution after
        value.hashCode();
        return value;
    }

    private boolean mayReadAnotherPage() {
        if (abandoned) {
            throw new CancellationException();
        }
        stoppedAtLimit = heldAsRead >= maxHeldAsRead && !usersRead;
        return !stoppedAtLimit;
    }
}
