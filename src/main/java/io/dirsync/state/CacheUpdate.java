package io.dirsync.state;

import io.dirsync.Messages;
import io.dirsync.config.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source's cache as of this run's read, written only when the run commits ({@code RunLifecycle.commit}, after the
 * applied state): a dry run, a refused run or a failed push leaves the cache where the last committed run left it,
 * so the next run reads from there again. The source's read sets it in the exchange property {@link #PROPERTY}.
 * Writing it can fail without failing the run: the next read then starts from the previous cache, or reads fully.
 *
 * @param file    a file of {@link SourceCaches#folder}
 * @param content what the file is to hold
 */
public record CacheUpdate(Path file, byte[] content) {

    public static final String PROPERTY = "dirsyncCacheUpdate";
    private static final Logger LOG = LoggerFactory.getLogger(CacheUpdate.class);

    public CacheUpdate {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
    }

    /** Replaces the file atomically; a failure is logged, not thrown. */
    public void write() {
        try {
            AtomicFile.createFolder(file.toAbsolutePath().getParent());
            AtomicFile.write(file, content);
        } catch (IOException e) {
            LOG.warn("Cannot write the cache {}: {}. The next read starts from the previous one, if any.", file,
                    Messages.describe(e));
        }
    }
}
