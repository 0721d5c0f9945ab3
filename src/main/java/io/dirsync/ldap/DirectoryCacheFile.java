package io.dirsync.ldap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.Messages;
import io.dirsync.config.AtomicFile;
import io.dirsync.config.JsonFile;
import io.dirsync.config.Settings;
import io.dirsync.state.CacheUpdate;
import io.dirsync.state.SourceCaches;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DirectoryCache} of an instance: {@code directory-cache.json} in its {@link SourceCaches} folder,
 * replaced atomically like the applied state ({@link AtomicFile}). Unlike the applied state, losing it costs one full
 * read and nothing else: a missing or unreadable cache is a reason to read fully, and a cache that cannot be written
 * is a warning.
 */
public final class DirectoryCacheFile {

    public static final String FILE = "directory-cache.json";

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryCacheFile.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path folder;

    public DirectoryCacheFile(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** The instance's cache file, in its {@link SourceCaches} folder. */
    public static DirectoryCacheFile of(Settings settings) {
        return new DirectoryCacheFile(SourceCaches.folder(settings));
    }

    public Path file() {
        return folder.resolve(FILE);
    }

    /** The cache, or empty when there is none. */
    Optional<DirectoryCache> load() throws JsonFile.Unreadable {
        Optional<DirectoryCache> cache;
        try {
            cache = JsonFile.read(file(), JSON, DirectoryCache.class);
        } catch (IOException e) {
            throw new JsonFile.Unreadable(Messages.describe(e), e);
        }
        if (cache.isEmpty()) {
            return cache;
        }
        if (cache.get().users().stream().anyMatch(u -> u.id() == null)
                || cache.get().groups().stream().anyMatch(g -> g.id() == null)) {
            throw new JsonFile.Unreadable("an entry has no id", null);
        }
        try {
            cache.get().fullReadInstant();
        } catch (IllegalStateException e) {
            throw new JsonFile.Unreadable(e.getMessage(), e);
        }
        return cache;
    }

    /** Where a read's cache waits for its run to commit. */
    Path stagedFile() {
        return folder.resolve(FILE + ".next");
    }

    /**
     * Writes {@code cache} beside the cache file, to replace it when the run commits ({@link CacheUpdate}): a dry run,
     * a refused run or a failed push leaves the cache as it was. Staged in a file, not held in memory, as a million
     * entries would be until the push is over. Null, with a warning, when it cannot be written: the next read then
     * starts from the previous cache, or is full.
     */
    CacheUpdate stage(DirectoryCache cache) {
        try {
            AtomicFile.createFolder(folder);
            JsonFile.write(stagedFile(), JSON, cache);
            return new CacheUpdate.Staged(stagedFile(), file());
        } catch (IOException e) {
            LOG.warn("Cannot write the directory cache {}: {}. The next read starts from the previous cache, if any.",
                    stagedFile(), Messages.describe(e));
            return null;
        }
    }
}
