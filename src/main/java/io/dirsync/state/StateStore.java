package io.dirsync.state;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dirsync.Messages;
import io.dirsync.StateException;
import io.dirsync.config.AtomicFile;
import io.dirsync.config.JsonFile;
import io.dirsync.config.Settings;
import io.dirsync.config.StateFolder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applied state of one instance, as {@code state.json} in a state folder, and the lock that keeps two syncs
 * of the instance apart ({@code sync.lock} in the same folder).
 *
 * <ul>
 * <li>{@link #save}: writes a temporary file in the folder, forces it to disk, renames it over {@code state.json}
 * atomically, then forces the folder where the platform allows it. A crash at any point leaves either the
 * previous state or the new one, never a mix. It then drops the attempt the run recorded.</li>
 * <li>{@link #saveAttempt}: before a run's first request, {@code attempt.json} with the entries it is about to change,
 * written the same way; until the next {@link #save}, {@link #load} counts them as unsure.</li>
 * <li>{@link #load}: no file means no state; a file that cannot be read as a state fails with a one-line
 * {@link StateException} naming the file and {@code dirsync clear-cache} — it is never reset silently, since
 * starting over without a state would forget who to remove.</li>
 * <li>{@link #lock}: an OS file lock, so it is released when the process dies. Callers hold it around
 * load-diff-push-save, and around {@link #clear}.</li>
 * </ul>
 * The folder is created on first use, readable by its owner only where the file system has POSIX permissions.
 */
public final class StateStore {

    public static final String STATE_FILE = "state.json";
    public static final String LOCK_FILE = "sync.lock";
    /** What a run records before its first request: small, proportional to its change, not to the organization. */
    public static final String ATTEMPT_FILE = "attempt.json";

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Lock files this JVM holds. Checked before a channel is opened: on POSIX systems closing any channel to a file
     * drops every lock the process holds on it, so a refused second attempt must never open (and close) one.
     */
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path folder;

    public StateStore(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** The instance's store, in its {@link StateFolder}. */
    public static StateStore of(Settings settings) {
        return new StateStore(StateFolder.of(settings));
    }

    public Path folder() {
        return folder;
    }

    public Path file() {
        return folder.resolve(STATE_FILE);
    }

    public Path lockFile() {
        return folder.resolve(LOCK_FILE);
    }

    public Path attemptFile() {
        return folder.resolve(ATTEMPT_FILE);
    }

    /**
     * What a run records before its first request ({@link #saveAttempt}): the entries it may change, for the
     * organization it pushes to. The next {@link #load} adds them to the applied state's unsure entries.
     */
    @JsonPropertyOrder({"apiUrl", "organizationId", "unsure"})
    public record Attempt(String apiUrl, String organizationId, AppliedState.Unsure unsure) {
    }

    /**
     * The state last saved, with what an unfinished run recorded as unsure added; empty when there is none (first
     * run, or after {@link #clear}).
     */
    public Optional<AppliedState> load() {
        Optional<AppliedState> state = read(file(), AppliedState.class);
        state.ifPresent(saved -> requireTarget(file(), saved.apiUrl(), saved.organizationId()));
        Optional<Attempt> attempt = read(attemptFile(), Attempt.class);
        if (attempt.isEmpty()) {
            return state;
        }
        Attempt unfinished = attempt.get();
        requireTarget(attemptFile(), unfinished.apiUrl(), unfinished.organizationId());
        // an attempt for another organization than the saved state's replaces it: the diff would ignore that state
        AppliedState base = state.filter(saved -> saved.isFor(unfinished.apiUrl(), unfinished.organizationId()))
                .orElse(AppliedState.empty(unfinished.apiUrl(), unfinished.organizationId()));
        return Optional.of(base.withUnsure(base.unsure().plus(unfinished.unsure())));
    }

    /**
     * Records, before a run's first request, the entries it is about to change (the in-flight state's unsure ones),
     * so that a run that fails half-way, or a process killed between batches, leaves them for the next run.
     */
    public void saveAttempt(AppliedState inFlight) {
        createFolder();
        Path file = attemptFile();
        try {
            JsonFile.write(file, JSON, new Attempt(inFlight.apiUrl(), inFlight.organizationId(), inFlight.unsure()));
        } catch (IOException e) {
            throw new StateException("Cannot write " + file + ": " + Messages.describe(e) + ".", e);
        }
    }

    private <T> Optional<T> read(Path file, Class<T> type) {
        try {
            return JsonFile.read(file, JSON, type);
        } catch (IOException e) {
            throw new StateException("Cannot read the sync state " + file + ": " + Messages.describe(e) + ".", e);
        } catch (JsonFile.Unreadable e) {
            throw corrupt(file, e.getMessage(), e);
        }
    }

    private static void requireTarget(Path file, String apiUrl, String organizationId) {
        if (isBlank(apiUrl) || isBlank(organizationId)) {
            throw corrupt(file, "no " + (isBlank(apiUrl) ? "apiUrl" : "organizationId") + " in it", null);
        }
    }

    /**
     * Replaces the saved state atomically (temp file, fsync, rename, fsync of the folder: {@link AtomicFile}), and
     * deletes the temporary files an earlier crash during a save left. Callers hold the {@link #lock}.
     */
    public void save(AppliedState state) {
        createFolder();
        Path file = file();
        try {
            AtomicFile.deleteLeftovers(file);
            JsonFile.write(file, JSON, state);
            // the saved state holds what is still unsure: the attempt is part of it now
            AtomicFile.delete(attemptFile());
        } catch (IOException e) {
            throw new StateException("Cannot write the sync state " + file + ": " + Messages.describe(e) + ".", e);
        }
    }

    /** Forgets the state (and any temporary file a crash left), so the next sync starts over with a full one. */
    public void clear() {
        try {
            AtomicFile.delete(attemptFile());
            AtomicFile.delete(file());
        } catch (IOException e) {
            throw new StateException("Cannot delete the sync state " + file() + ": " + Messages.describe(e) + ".", e);
        }
    }

    /**
     * Takes the instance's sync lock, or fails at once with a {@link StateException} (exit code 1) when another
     * process — or another caller in this JVM — holds it. Close the returned lock to release it.
     */
    public Lock lock() {
        createFolder();
        Path path = lockFile();
        if (!HELD_IN_THIS_JVM.add(path)) {
            throw lockHeld(path);
        }
        try {
            return acquire(path);
        } catch (RuntimeException e) {
            HELD_IN_THIS_JVM.remove(path);
            throw e;
        }
    }

    private static Lock acquire(Path path) {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StateException("Cannot open the sync lock " + path + ": " + Messages.describe(e) + ".", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StateException("Cannot take the sync lock " + path + ": " + Messages.describe(e) + ".", e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw lockHeld(path);
        }
        return new Lock(path, channel, lock);
    }

    private static StateException lockHeld(Path path) {
        return new StateException.LockHeld("Another sync of this instance is running (lock held on " + path + ").");
    }

    /** A held sync lock; {@link #close()} releases it. */
    public static final class Lock implements AutoCloseable {

        private final Path path;
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(Path path, FileChannel channel, FileLock lock) {
            this.path = path;
            this.channel = channel;
            this.lock = lock;
        }

        public Path path() {
            return path;
        }

        public boolean isHeld() {
            return lock.isValid();
        }

        @Override
        public synchronized void close() {
            if (!channel.isOpen()) {
                return;
            }
            try {
                lock.release();
            } catch (IOException e) {
                LOG.warn("Could not release the sync lock {}: {}", path, Messages.describe(e));
            } finally {
                closeQuietly(channel);
                HELD_IN_THIS_JVM.remove(path);
            }
        }
    }

    private void createFolder() {
        try {
            AtomicFile.createFolder(folder);
        } catch (FileAlreadyExistsException e) {
            throw new StateException("Cannot use " + folder + " as the state folder: it is a file.", e);
        } catch (IOException e) {
            throw new StateException("Cannot create the state folder " + folder + ": " + Messages.describe(e) + ".", e);
        }
    }

    private static StateException corrupt(Path file, String reason, Throwable cause) {
        return new StateException("The sync state " + file + " is unreadable (" + Messages.oneLine(reason) + "). Run 'dirsync"
                + " clear-cache' to forget it: the next sync then re-sends everything, but cannot remove members who"
                + " left the directory in the meantime.", cause);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Cannot close {}: {}", channel, e.toString());
        }
    }
}
