package io.dirsync.state;

import io.dirsync.Messages;
import io.dirsync.config.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * A source's cache as of this run's read, written only when the run commits ({@code RunLifecycle.commit}, after the
 * applied state): a dry run, a refused run or a failed push leaves the cache where the last committed run left it,
 * so the next run reads from there again. The source's read sets it in the exchange property {@link #PROPERTY}.
 * Writing it can fail without failing the run: the next read then starts from the previous cache, or reads fully.
 * A run that ends without committing {@link #discard discards} it.
 */
public sealed interface CacheUpdate {

    String PROPERTY = "dirsyncCacheUpdate";

    /** The cache file it replaces. */
    Path file();

    /** Replaces the cache file atomically; a failure is logged, not thrown. */
    void write();

    /** Drops what {@link #write} would have written (a no-op once it has): nothing of an uncommitted run stays. */
    void discard();

    /** The cache file {@code file} (of {@link SourceCaches#folder}) is to hold {@code content}. */
    record Content(Path file, byte[] content) implements CacheUpdate {
        public Content {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public void write() {
            try {
                AtomicFile.createFolder(file.toAbsolutePath().getParent());
                AtomicFile.write(file, content);
            } catch (IOException e) {
                cannotWrite(file, e);
            }
        }

        @Override
        public void discard() {
            // held in memory only
        }
    }

    /**
     * The cache file {@code file} is to be replaced by {@code staged}, already written beside it: a cache too large to
     * be held in memory until the run commits (a million directory entries).
     */
    record Staged(Path staged, Path file) implements CacheUpdate {
        public Staged {
            Objects.requireNonNull(staged, "staged");
            Objects.requireNonNull(file, "file");
        }

        @Override
        public void write() {
            try {
                Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                cannotWrite(file, e);
            }
        }

        /** A million entries' cache is as large as the cache itself: it is not left beside it. */
        @Override
        public void discard() {
            try {
                Files.deleteIfExists(staged);
            } catch (IOException e) {
                // the next run's read writes over it
            }
        }
    }

    private static void cannotWrite(Path file, IOException e) {
        LoggerFactory.getLogger(CacheUpdate.class).warn("Cannot write the cache {}: {}. The next read starts from the"
                + " previous one, if any.", file, Messages.describe(e));
    }
}
