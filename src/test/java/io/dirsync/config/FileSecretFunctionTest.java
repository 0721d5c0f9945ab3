package io.dirsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.ConfigurationException;
import io.dirsync.demo.DemoDirectory;
import io.dirsync.testing.CommandLineRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSecretFunctionTest {

    @TempDir
    Path temp;

    @Test
    void aFilesContentIsTheValueWithoutTheSurroundingWhitespace() throws IOException {
        Path secret = Files.writeString(temp.resolve("ldap-password"), "  s3cret with inner space \n\n");

        assertThat(new FileSecretFunction(name -> null).apply(secret.toString())).isEqualTo("s3cret with inner space");
    }

    @Test
    void credentialsDirectoryIsTakenFromTheEnvironment() throws IOException {
        Path credentials = Files.createDirectories(temp.resolve("credentials/dirsync.service"));
        Files.writeString(credentials.resolve("bitwarden-secret"), "from-systemd\n");
        FileSecretFunction function = new FileSecretFunction(
                name -> name.equals("CREDENTIALS_DIRECTORY") ? credentials.toString() : null);

        assertThat(function.apply("$CREDENTIALS_DIRECTORY/bitwarden-secret")).isEqualTo("from-systemd");
    }

    @Test
    void credentialsDirectoryUnsetIsAConfigurationError() {
        assertThatThrownBy(() -> new FileSecretFunction(name -> null).apply("$CREDENTIALS_DIRECTORY/ldap"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("cannot read {{file:$CREDENTIALS_DIRECTORY/ldap}}: $CREDENTIALS_DIRECTORY is not set (systemd"
                        + " sets it for a service with LoadCredential=).");
    }

    @Test
    void aMissingFileIsAConfigurationErrorNamingThePlaceholderAndThePath() {
        Path missing = temp.resolve("nothing-here");

        assertThatThrownBy(() -> new FileSecretFunction(name -> null).apply(missing.toString()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("cannot read {{file:" + missing + "}}: " + missing + " does not exist.");
    }

    @Test
    void everyCommandResolvesFileReferencesThroughCamel() throws IOException {
        try (DemoDirectory directory = DemoDirectory.start()) {
            Path secret = Files.writeString(temp.resolve("ldap-password"), directory.settings().get("ldap.password") + "\n");
            writeInstance(directory, "{{file:" + secret + "}}");

            CommandLineRun run = CommandLineRun.of("test", "--config", temp.toString());

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(new ObjectMapper().readTree(run.stdout()).get("enabledUsers")).hasSize(31);
        }
    }

    @Test
    void aMissingFileStopsTheCommandWithOneLineNamingTheKey() throws IOException {
        try (DemoDirectory directory = DemoDirectory.start()) {
            Path missing = temp.resolve("ldap-password");
            writeInstance(directory, "{{file:" + missing + "}}");

            CommandLineRun run = CommandLineRun.of("test", "--config", temp.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.stdout()).isEmpty();
            assertThat(run.stderr().strip()).isEqualTo("dirsync: Invalid setting ldap.password: cannot read {{file:" + missing
                    + "}}: " + missing + " does not exist.");
        }
    }

    /** A setting a route declares is resolved as the routes load: the error is the one a call would give. */
    @Test
    void aMissingFileBehindASettingTheRoutesDeclareNamesTheKey() throws IOException {
        try (DemoDirectory directory = DemoDirectory.start()) {
            Path missing = temp.resolve("bind-dn");
            writeInstance(directory, directory.settings().get("ldap.password"), Map.of("ldap.bind-dn", "{{file:" + missing + "}}"));
            Files.setPosixFilePermissions(temp.resolve("application.properties"), PosixFilePermissions.fromString("rw-------"));

            CommandLineRun run = CommandLineRun.of("test", "--config", temp.toString());

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.stderr().strip()).isEqualTo("dirsync: Invalid setting ldap.bind-dn: cannot read {{file:" + missing
                    + "}}: " + missing + " does not exist.");
        }
    }

    private void writeInstance(DemoDirectory directory, String password) throws IOException {
        writeInstance(directory, password, Map.of());
    }

    private void writeInstance(DemoDirectory directory, String password, Map<String, String> more) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>(directory.settings());
        settings.put("ldap.password", password);
        settings.putAll(more);
        settings.put("sync.groups", "false");
        List<String> lines = new ArrayList<>();
        settings.forEach((key, value) -> lines.add(key + "=" + value));
        Files.write(temp.resolve("application.properties"), lines);
    }
}
