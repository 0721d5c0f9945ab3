package io.dirsync.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.testing.CommandLineRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What import-bwdc says about a file that is not a bwdc data.json it can read: one line, exit 2, nothing written. */
class ImportBwdcErrorsTest {

    @TempDir
    Path temp;

    private String refused(String content) throws IOException {
        Path file = Files.writeString(temp.resolve("data.json"), content);
        return refusedFile(file);
    }

    private String refusedFile(Path file) {
        Path instance = temp.resolve("instance");
        CommandLineRun run = CommandLineRun.of("import-bwdc", file.toString(), "--config", instance.toString());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.stderr().lines()).hasSize(1);
        assertThat(instance.resolve("application.properties")).doesNotExist();
        return run.stderr().strip();
    }

    private String data(String field) {
        return temp.resolve("data.json") + field;
    }

    @Test
    void aFileThatIsNotJson() throws IOException {
        assertThat(refused("stateVersion: 8\n")).startsWith("dirsync: " + data(" is not a bwdc data.json: it is not JSON ("))
                .contains("Unrecognized token 'stateVersion'").containsPattern("at line 1, column \\d+\\)\\.$");
    }

    @Test
    void jsonThatIsNotAnObject() throws IOException {
        assertThat(refused("[1, 2]")).isEqualTo("dirsync: " + data(" is not a bwdc data.json: it is not a JSON object."));
    }

    @Test
    void anEmptyFile() throws IOException {
        assertThat(refused("")).isEqualTo("dirsync: " + data(" is not a bwdc data.json: it is empty."));
    }

    @Test
    void anotherProgramsJson() throws IOException {
        assertThat(refused("{\"name\": \"dirsync\", \"version\": \"1.0\"}"))
                .isEqualTo("dirsync: " + data(" is not a bwdc data.json: it has no stateVersion."));
    }

    @Test
    void anOlderStateVersion() throws IOException {
        assertThat(refused("{\"stateVersion\": 4, \"directoryType\": 0, \"directoryLdap\": {}}"))
                .isEqualTo("dirsync: " + data(" is bwdc state version 4; import-bwdc reads version 8. Let a current bwdc"
                        + " (2026.6 or later) open it once, which upgrades it, then import it again."));
    }

    @Test
    void aNewerStateVersion() throws IOException {
        assertThat(refused("{\"stateVersion\": 9, \"directoryType\": 0, \"directoryLdap\": {}}"))
                .isEqualTo("dirsync: " + data(" is bwdc state version 9; import-bwdc reads version 8, and this file is"
                        + " newer than that."));
    }

    @Test
    void noDirectoryConfigured() throws IOException {
        assertThat(refused("{\"stateVersion\": 8, \"directoryType\": null}"))
                .isEqualTo("dirsync: " + data(" configures no directory: its directoryType is not set."));
    }

    @Test
    void anUnknownDirectoryType() throws IOException {
        assertThat(refused("{\"stateVersion\": 8, \"directoryType\": 7, \"directoryLdap\": {}}"))
                .isEqualTo("dirsync: " + data(" has an unknown directoryType 7: bwdc knows 0 (LDAP), 1 (Entra ID),"
                        + " 2 (Google Workspace), 3 (Okta), 4 (OneLogin)."));
    }

    @Test
    void theActiveDirectorysSettingsAreMissing() throws IOException {
        assertThat(refused("{\"stateVersion\": 8, \"directoryType\": 3, \"directoryLdap\": {}}"))
                .isEqualTo("dirsync: " + data(" has directoryType 3 (Okta) but no directoryOkta settings."));
    }

    @Test
    void aFileThatIsNotThere() {
        assertThat(refusedFile(temp.resolve("nowhere.json")))
                .isEqualTo("dirsync: Cannot read " + temp.resolve("nowhere.json") + ": no such file.");
    }
}
