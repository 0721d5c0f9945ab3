package io.dirsync.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.config.Settings;
import io.dirsync.config.StateFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state folder's cache folder: written when a run commits, emptied whole by clear-cache. */
class SourceCachesTest {

    @TempDir
    Path state;

    private Settings settings() {
        return Settings.of(Map.of(StateFolder.STATE_DIR, state.toString()));
    }

    @Test
    void anUpdateCreatesTheFolderOwnerOnlyAndReplacesTheFile() throws Exception {
        Path file = SourceCaches.folder(settings()).resolve("some-source.json");

        new CacheUpdate.Content(file, "one".getBytes()).write();
        new CacheUpdate.Content(file, "two".getBytes()).write();

        assertThat(file).hasContent("two");
        assertThat(file.getParent()).isEqualTo(state.resolve("cache"));
        if (state.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void anUpdateThatCannotBeWrittenIsAWarningNotAFailure() throws Exception {
        Files.writeString(state.resolve("cache"), "a file where the folder should be");

        new CacheUpdate.Content(state.resolve("cache").resolve("some-source.json"), "x".getBytes()).write();

        assertThat(state.resolve("cache")).isRegularFile();
    }

    @Test
    void aStagedCacheReplacesTheFileWhenWrittenAndIsGoneWhenDiscarded() throws Exception {
        Path folder = SourceCaches.folder(settings());
        Files.createDirectories(folder);
        Path file = folder.resolve("directory-cache.json");
        Files.writeString(file, "committed");

        Files.writeString(folder.resolve("directory-cache.json.next"), "not committed");
        new CacheUpdate.Staged(folder.resolve("directory-cache.json.next"), file).discard();
        assertThat(folder.toFile().list()).containsExactly("directory-cache.json");
        assertThat(file).hasContent("committed");

        Files.writeString(folder.resolve("directory-cache.json.next"), "next");
        CacheUpdate staged = new CacheUpdate.Staged(folder.resolve("directory-cache.json.next"), file);
        staged.write();
        staged.discard();
        assertThat(folder.toFile().list()).containsExactly("directory-cache.json");
        assertThat(file).hasContent("next");
    }

    @Test
    void clearForgetsEveryCacheWhateverWroteItAndNothingElse() throws Exception {
        Path folder = SourceCaches.folder(settings());
        Files.createDirectories(folder.resolve("nested"));
        Files.writeString(folder.resolve("a.json"), "{}");
        Files.writeString(folder.resolve("nested").resolve("b.json"), "{}");
        Files.writeString(state.resolve("state.json"), "{}");

        SourceCaches.clear(settings());
        SourceCaches.clear(settings());

        assertThat(state.toFile().list()).containsExactly("state.json");
    }

    @Test
    void aCacheIsFollowedForSyncFullEveryAndAtMostThirtyDays() {
        assertThat(SourceCaches.maxAge(Duration.ofHours(24))).isEqualTo(Duration.ofHours(24));
        assertThat(SourceCaches.maxAge(Duration.ZERO)).isEqualTo(Duration.ofDays(30));
        assertThat(SourceCaches.maxAge(Duration.ofDays(90))).isEqualTo(Duration.ofDays(30));
    }
}
