package io.dirsync.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.StateException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    @TempDir
    Path temp;

    private static final AppliedState STATE = new AppliedState("https://api.bitwarden.com", "org-1", "fp-1",
            Instant.parse("2026-08-01T10:00:00Z"), Instant.parse("2026-08-02T10:00:00Z"), null,
            Map.of("cn=bob", "bob@example.com", "cn=alice", "alice@example.com"),
            Map.of("cn=blue", new AppliedState.Group("Blue Team", List.of("cn=bob", "cn=alice", "cn=bob"))));

    private static final String STATE_JSON = """
            {
              "apiUrl" : "https://api.bitwarden.com",
              "organizationId" : "org-1",
              "settingsFingerprint" : "fp-1",
              "lastFullSync" : "2026-08-01T10:00:00Z",
              "lastUserSync" : "2026-08-02T10:00:00Z",
              "lastGroupSync" : null,
              "users" : {
                "cn=alice" : "alice@example.com",
                "cn=bob" : "bob@example.com"
              },
              "groups" : {
                "cn=blue" : {
                  "name" : "Blue Team",
                  "memberExternalIds" : [ "cn=alice", "cn=bob" ]
                }
              },
              "unsure" : {
                "users" : { },
                "groups" : { }
              }
            }""";

    @Test
    void noFileMeansNoState() {
        assertThat(new StateStore(temp.resolve("absent")).load()).isEmpty();
    }

    @Test
    void savedStateIsReadBackAndIsSortedJson() throws IOException {
        StateStore store = new StateStore(temp);

        store.save(STATE);

        assertThat(store.load()).contains(STATE);
        assertThat(Files.readString(temp.resolve("state.json")).replace("\r\n", "\n")).isEqualTo(STATE_JSON);
        assertThat(STATE.groups().get("cn=blue").memberExternalIds()).containsExactly("cn=alice", "cn=bob");
    }

    @Test
    void appliedStateRoundTripsThroughAPlainObjectMapper() throws IOException {
        ObjectMapper mapper = new ObjectMapper();

        String json = mapper.writeValueAsString(STATE);

        assertThat(json).contains("\"lastFullSync\":\"2026-08-01T10:00:00Z\"", "\"lastGroupSync\":null");
        assertThat(mapper.readValue(json, AppliedState.class)).isEqualTo(STATE);
    }

    @Test
    void emptyStateHasNothingApplied() {
        AppliedState empty = AppliedState.empty("https://api.example", "org-9");

        assertThat(empty).isEqualTo(new AppliedState("https://api.example", "org-9", null, null, null, null,
                Map.of(), Map.of()));
        assertThat(empty.isFor("https://api.example", "org-9")).isTrue();
        assertThat(empty.isFor("https://api.example", "org-8")).isFalse();
        assertThat(empty.isFor("https://api.other", "org-9")).isFalse();
    }

    @Test
    void saveReplacesThePreviousStateAndLeavesNoTemporaryFile() throws IOException {
        StateStore store = new StateStore(temp);
        store.save(STATE);
        AppliedState next = AppliedState.empty("https://api.bitwarden.com", "org-1");

        store.save(next);

        assertThat(store.load()).contains(next);
        try (var files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
        }
    }

    @Test
    void theFolderIsCreatedForItsOwnerOnly() throws IOException {
        Path folder = temp.resolve("a/b/state");
        StateStore store = new StateStore(folder);

        store.save(STATE);

        assertThat(folder).isDirectory();
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        }
    }

    @Test
    void aCorruptFileIsNotResetButReportedWithTheWayOut() throws IOException {
        StateStore store = new StateStore(temp);
        Files.writeString(store.file(), "{\"apiUrl\": \"https://api.bitwarden.com\", \"users\": {");

        assertThatThrownBy(store::load)
                .isInstanceOf(StateException.class)
                .satisfies(e -> assertThat(((StateException) e).exitCode()).isEqualTo(1))
                .hasMessageStartingWith("The sync state " + store.file() + " is unreadable (")
                .hasMessageContaining("Run 'dirsync clear-cache' to forget it")
                .message().doesNotContain("\n");
        assertThat(store.file()).exists();
    }

    @Test
    void otherUnreadableContentsAreCorruptToo() throws IOException {
        StateStore store = new StateStore(temp);
        Map<String, String> cases = Map.of(
                "", "No content to map due to end-of-input",
                "null", "nothing in it",
                "[]", "Cannot deserialize",
                "{\"organizationId\":\"org-1\"}", "no apiUrl in it",
                "{\"apiUrl\":\"https://api\"}", "no organizationId in it",
                "{\"apiUrl\":\"a\",\"organizationId\":\"o\",\"lastFullSync\":\"yesterday\"}", "not an ISO-8601 instant",
                "{\"apiUrl\":\"a\",\"organizationId\":\"o\"} {}", "Trailing token");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Files.writeString(store.file(), c.getKey());
            assertThatThrownBy(store::load)
                    .as(c.getKey())
                    .isInstanceOf(StateException.class)
                    .hasMessageContaining(c.getValue())
                    .hasMessageContaining("dirsync clear-cache")
                    .message().doesNotContain("\n");
        }
    }

    @Test
    void unknownFieldsFromANewerVersionAreIgnored() throws IOException {
        StateStore store = new StateStore(temp);
        Files.writeString(store.file(), "{\"apiUrl\":\"a\",\"organizationId\":\"o\",\"future\":[1,2]}");

        assertThat(store.load()).contains(AppliedState.empty("a", "o"));
    }

    @Test
    void whatARunRecordedBeforeItsFirstRequestIsUnsureUntilTheNextSave() throws IOException {
        StateStore store = new StateStore(temp);
        store.save(STATE);
        AppliedState.Unsure sending = new AppliedState.Unsure(Map.of("cn=carol", "carol@example.com"),
                Map.of("cn=blue", "Blue Team"));

        store.saveAttempt(STATE.withUnsure(sending));

        assertThat(Files.readString(temp.resolve("state.json"))).doesNotContain("carol");
        assertThat(store.load()).contains(STATE.withUnsure(sending));

        store.save(STATE);
        assertThat(temp.resolve("attempt.json")).doesNotExist();
        assertThat(store.load()).contains(STATE);
    }

    @Test
    void anAttemptWithoutASavedStateIsAnEmptyStateForItsOrganizationWithItsEntriesUnsure() {
        StateStore store = new StateStore(temp);
        AppliedState.Unsure sending = new AppliedState.Unsure(Map.of("cn=ann", "ann@example.com"), Map.of());

        store.saveAttempt(AppliedState.empty("https://api.example", "org-2").withUnsure(sending));

        assertThat(store.load()).contains(AppliedState.empty("https://api.example", "org-2").withUnsure(sending));
        store.clear();
        assertThat(store.load()).isEmpty();
    }

    @Test
    void anUnreadableAttemptIsNamedLikeAnUnreadableState() throws IOException {
        StateStore store = new StateStore(temp);
        Files.writeString(temp.resolve("attempt.json"), "{ half written");

        assertThatThrownBy(store::load).isInstanceOf(StateException.class)
                .hasMessageStartingWith("The sync state " + temp.resolve("attempt.json") + " is unreadable")
                .hasMessageContaining("dirsync clear-cache");
    }

    @Test
    void aSaveClearsTheTemporaryFilesAnEarlierCrashLeft() throws IOException {
        StateStore store = new StateStore(temp);
        store.save(STATE);
        Files.writeString(temp.resolve("state.json.4711.tmp"), "a crash during a save");

        store.save(STATE);

        try (var files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
        }
    }

    @Test
    void clearForgetsTheStateAndLeftoverTemporaryFiles() throws IOException {
        StateStore store = new StateStore(temp);
        store.save(STATE);
        Files.writeString(temp.resolve("state.json.123.tmp"), "partial");
        Files.writeString(temp.resolve("application.properties"), "kept");

        store.clear();

        assertThat(store.load()).isEmpty();
        try (var files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("application.properties");
        }
        store.clear();
        new StateStore(temp.resolve("never-created")).clear();
    }

    @Test
    void aSecondLockInThisJvmIsRefusedUntilTheFirstIsReleased() {
        StateStore store = new StateStore(temp.resolve("instance"));
        Path lockFile = temp.resolve("instance").resolve("sync.lock");

        try (StateStore.Lock lock = store.lock()) {
            assertThat(lock.isHeld()).isTrue();
            assertThat(lock.path()).isEqualTo(lockFile);
            assertThatThrownBy(() -> new StateStore(temp.resolve("instance")).lock())
                    .isInstanceOf(StateException.class)
                    .hasMessage("Another sync of this instance is running (lock held on " + lockFile + ").")
                    .satisfies(e -> assertThat(((StateException) e).exitCode()).isEqualTo(1));
        }

        StateStore.Lock again = store.lock();
        assertThat(again.isHeld()).isTrue();
        again.close();
        again.close();
        assertThat(again.isHeld()).isFalse();
        try (StateStore.Lock third = store.lock()) {
            assertThat(third.isHeld()).isTrue();
        }
    }

    /** Runs a second JVM on the lock file: "hold" takes the lock and keeps it until stdin closes; "try" reports. */
    private Process otherProcess(String mode, Path lockFile) throws IOException {
        Path program = temp.resolve("OtherProcess.java");
        Files.writeString(program, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class OtherProcess {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE)) {
                            var lock = c.tryLock();
                            System.out.println(lock == null ? "busy" : "locked");
                            System.out.flush();
                            if (args[0].equals("hold")) {
                                System.in.read();
                            }
                        }
                    }
                }
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), program.toString(), mode, lockFile.toString())
                .redirectErrorStream(true)
                .start();
    }

    private static String firstLine(Process process) throws IOException {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void aRefusedAttemptInThisJvmDoesNotReleaseTheHeldLock() throws Exception {
        StateStore store = new StateStore(temp.resolve("instance"));

        try (StateStore.Lock lock = store.lock()) {
            assertThatThrownBy(store::lock).isInstanceOf(StateException.class);

            Process other = otherProcess("try", store.lockFile());
            assertThat(firstLine(other)).isEqualTo("busy");
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsRefused() throws Exception {
        StateStore store = new StateStore(temp.resolve("instance"));
        Files.createDirectories(store.folder());
        Process process = otherProcess("hold", store.lockFile());
        try {
            assertThat(firstLine(process)).isEqualTo("locked");

            assertThatThrownBy(store::lock)
                    .isInstanceOf(StateException.class)
                    .hasMessage("Another sync of this instance is running (lock held on " + store.lockFile() + ").");
        } finally {
            process.getOutputStream().close();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (StateStore.Lock lock = store.lock()) {
            assertThat(lock.isHeld()).isTrue();
        }
    }
}
