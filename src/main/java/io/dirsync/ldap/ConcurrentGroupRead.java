package io.dirsync.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import io.dirsync.SourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.UnaryOperator;

/**
 * The groups search of a full read, on a connection of its own, while the users are read on the other: the two
 * searches overlap instead of following each other, and each mostly waits on the server.
 *
 * <p>A member value is held as the users read make it ({@link DirectoryEntries#memberValue}) once all users are in;
 * until then, as it was read, and the resolution after the read looks it up. At most {@code maxHeldAsRead} values
 * are held that way: past that, the search waits between two pages until the users are read, so that a directory of
 * a million users does not hold millions of member strings twice.
 */
final class ConcurrentGroupRead implements AutoCloseable {

    /** At some 90 bytes a DN, about 45 MB: every membership of a directory of 100,000 users fits. */
    static final int HELD_AS_READ = 500_000;

    private final CountDownLatch usersRead = new CountDownLatch(1);
    private final FutureTask<List<EntryMapper.GroupEntry>> search;
    private final Thread thread;
    private final int maxHeldAsRead;
    private volatile boolean abandoned;
    private volatile LDAPConnection connection;
    /** The search thread's own: values held as read so far, and whether it has seen the users read. */
    private int heldAsRead;
    private boolean usersKnownRead;

    private ConcurrentGroupRead(LdapSettings ldap, EntryMapper mapper, DirectoryEntries entries, int maxHeldAsRead) {
        this.maxHeldAsRead = maxHeldAsRead;
        this.search = new FutureTask<>(() -> read(ldap, mapper, entries));
        this.thread = new Thread(search, "dirsync-ldap-groups");
        thread.setDaemon(true);
    }

    /** Starts the groups search; {@code entries} receives the users, from the caller's thread. */
    static ConcurrentGroupRead start(LdapSettings ldap, EntryMapper mapper, DirectoryEntries entries) {
        return start(ldap, mapper, entries, HELD_AS_READ);
    }

    static ConcurrentGroupRead start(LdapSettings ldap, EntryMapper mapper, DirectoryEntries entries, int maxHeldAsRead) {
        ConcurrentGroupRead read = new ConcurrentGroupRead(ldap, mapper, entries, maxHeldAsRead);
        read.thread.start();
        return read;
    }

    /** All users are in {@code entries}, and none will be added: member values from now on are held as they make them. */
    void usersRead() {
        usersRead.countDown();
    }

    /** The groups in the order the server sent them, once the search is over; its failure, if it failed. */
    List<EntryMapper.GroupEntry> groups() {
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
        usersRead.countDown();
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

    private List<EntryMapper.GroupEntry> read(LdapSettings ldap, EntryMapper mapper, DirectoryEntries entries) {
        List<EntryMapper.GroupEntry> groups = new ArrayList<>();
        LdapDirectoryReader.Problems problems = new LdapDirectoryReader.Problems();
        UnaryOperator<String> held = value -> hold(value, entries);
        try (LDAPConnection opened = new LdapConnector(ldap).open()) {
            connection = opened;
            if (abandoned) {
                throw new CancellationException();
            }
            PagedSearch.run(opened, "groups", ldap.groupSearchBase(), ldap.groupFilter(), mapper.groupAttributes(),
                    ldap.pageSize(), entry -> LdapDirectoryReader.addGroup(mapper, entry, groups, problems, held),
                    this::waitIfHoldingTooMany);
        }
        problems.fail();
        return groups;
    }

    private String hold(String value, DirectoryEntries entries) {
        if (!usersKnownRead) {
            usersKnownRead = usersRead.getCount() == 0;
        }
        if (usersKnownRead) {
            return entries.memberValue(value);
        }
        heldAsRead++;
        // a String keeps its hash: computed here, while the users are still being read, not in the resolution after
        value.hashCode();
        return value;
    }

    private void waitIfHoldingTooMany() {
        if (heldAsRead >= maxHeldAsRead) {
            try {
                usersRead.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException();
            }
        }
        if (abandoned) {
            throw new CancellationException();
        }
    }
}
