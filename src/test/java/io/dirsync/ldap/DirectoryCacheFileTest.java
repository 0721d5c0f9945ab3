package io.dirsync.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.config.JsonFile;
import io.dirsync.config.Settings;
import io.dirsync.config.StateFolder;
import io.dirsync.state.SourceCaches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** directory-cache.json: written atomically in the state folder's cache folder; anything wrong with it is a reason, not an error. */
class DirectoryCacheFileTest {

    @TempDir
    Path temp;

    private static DirectoryCache cache() {
        DirectoryEntries entries = new DirectoryEntries();
        entries.add(new DirectoryEntries.User("id-ann", "cn=ann,ou=people,dc=x", "id-ann", "ann@x.test", false, "ann"));
        entries.add(new DirectoryEntries.User("id-bob", "cn=bob,ou=people,dc=x", "E-1002", null, true, null));
        entries.add(new DirectoryEntries.Group("id-team", "cn=team,ou=groups,dc=x", "id-team", "Team",
                List.of("CN=Ann,OU=People,DC=x", "bob")));
        return DirectoryCache.of(new DirectoryCache.Cursor("CN=NTDS Settings,CN=DC1", "inv-1", 4711), "sha256:abc",
                Instant.parse("2030-01-02T03:04:05Z"), entries, Map.of("id-people", "ou=people,dc=x"));
    }

    @Test
    void aSavedCacheLoadsAsItWasWithMemberDnsAsKeys() throws Exception {
        DirectoryCacheFile file = new DirectoryCacheFile(temp.resolve("state"));
        DirectoryCache cache = cache();

        file.stage(cache).write();

        assertThat(file.load()).contains(cache);
        assertThat(cache.groups().get(0).members()).containsExactly("cn=ann,ou=people,dc=x", "bob");
        assertThat(cache.fullReadInstant()).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
        assertThat(file.file()).hasFileName("directory-cache.json");
        assertThat(Files.readString(file.file())).doesNotContain("null");
        if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.file()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("state")))).isEqualTo("rwx------");
        }
    }

    @Test
    void noFileIsNoCache() throws Exception {
        assertThat(new DirectoryCacheFile(temp).load()).isEmpty();
    }

    @Test
    void aFileThatIsNoCacheIsUnreadableWithTheReason() throws Exception {
        DirectoryCacheFile file = new DirectoryCacheFile(temp);
        for (String content : List.of("", "{\"formatVersion\":1,\"cursor\":", "[]", "null",
                "{\"formatVersion\":1,\"settingsFingerprint\":\"s\",\"fullReadAt\":\"2030-01-01T00:00:00Z\"}")) {
            Files.writeString(file.file(), content);
            assertThatThrownBy(file::load).as(content).isInstanceOf(JsonFile.Unreadable.class)
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void entriesWithoutAnIdOrABadTimeMakeItUnreadable() throws Exception {
        DirectoryCacheFile file = new DirectoryCacheFile(temp);
        String good = new String(Files.readAllBytes(saved(file)));

        Files.writeString(file.file(), good.replace("\"id\":\"id-bob\",", ""));
        assertThatThrownBy(file::load).hasMessage("an entry has no id");

        Files.writeString(file.file(), good.replace("2030-01-02T03:04:05Z", "yesterday"));
        assertThatThrownBy(file::load).hasMessageContaining("fullReadAt");
    }

    private Path saved(DirectoryCacheFile file) {
        file.stage(cache()).write();
        return file.file();
    }

    @Test
    void aCacheThatCannotBeWrittenIsOnlyAWarning() throws Exception {
        Path notAFolder = Files.writeString(temp.resolve("file"), "x");
        DirectoryCacheFile file = new DirectoryCacheFile(notAFolder);

        assertThat(file.stage(cache())).as("logged, not thrown").isNull();
        assertThat(notAFolder).isRegularFile();
    }

    @Test
    void theInstancesCacheIsInItsCacheFolderWhichClearCacheEmpties() throws Exception {
        Path state = temp.resolve("state");
        Settings settings = Settings.of(Map.of(StateFolder.STATE_DIR, state.toString()));
        DirectoryCacheFile file = DirectoryCacheFile.of(settings);
        saved(file);
        Files.writeString(file.file().resolveSibling("directory-cache.json.123.tmp"), "partial");
        Files.writeString(state.resolve("state.json"), "{}");

        assertThat(file.file()).isEqualTo(state.resolve("cache").resolve("directory-cache.json").toAbsolutePath());
        SourceCaches.clear(settings);
        SourceCaches.clear(settings);

        assertThat(file.load()).isEmpty();
        assertThat(state.toFile().list()).containsExactly("state.json");
    }
}
