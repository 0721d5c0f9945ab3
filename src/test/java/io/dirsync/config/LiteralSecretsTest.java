package io.dirsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.demo.DemoDirectory;
import io.dirsync.testing.CommandLineRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiteralSecretsTest {

    @TempDir
    Path temp;

    private Path file(String content, String permissions) throws IOException {
        Path file = Files.writeString(temp.resolve("application.properties"), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void aSecretInClearInAFileOthersMayReadIsNamed() throws IOException {
        Path file = file("ldap.url=ldap://x\nldap.password=hunter2\nokta.token = 00abc\n", "rw-r--r--");

        assertThat(LiteralSecrets.warning(file)).contains(file + " holds ldap.password, okta.token in clear and is"
                + " readable by others (rw-r--r--): chmod 600 it, or refer to the secret with {{env:NAME}} or {{file:PATH}}.");
    }

    @Test
    void readableByItsGroupIsEnough() throws IOException {
        Path file = file("bitwarden.client-secret=abc\n", "rw-r-----");

        assertThat(LiteralSecrets.warning(file)).hasValueSatisfying(warning ->
                assertThat(warning).contains("holds bitwarden.client-secret in clear and is readable by its group"));
    }

    @Test
    void aFileOnlyItsOwnerReadsIsFine() throws IOException {
        assertThat(LiteralSecrets.warning(file("ldap.password=hunter2\n", "rw-------"))).isEmpty();
    }

    @Test
    void referencesAndBlanksAreNoSecretsInClear() throws IOException {
        Path file = file("ldap.password={{env:LDAP_PASSWORD}}\nbitwarden.client-secret = {{file:/run/secrets/bw}} \n"
                + "entra.key=\ngoogle.private-key={{hashicorp:secret:dirsync/google}}\nldap.url=ldap://x\n", "rw-r--r--");

        assertThat(LiteralSecrets.warning(file)).isEmpty();
    }

    @Test
    void aCommandWarnsOnceAndStillRuns() throws IOException {
        try (DemoDirectory directory = DemoDirectory.start()) {
            List<String> lines = new ArrayList<>();
            Map<String, String> settings = directory.settings();
            settings.forEach((key, value) -> lines.add(key + "=" + value));
            lines.add("sync.groups=false");
            Path file = temp.resolve("application.properties");
            Files.write(file, lines);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));

            CommandLineRun run = CommandLineRun.of("test", "--config", temp.toString());

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stderr().lines().filter(line -> line.contains(" holds ldap.password in clear and is readable"
                    + " by others (rw-rw-r--)"))).hasSize(1);
            assertThat(run.stderr()).doesNotContain(settings.get("ldap.password"));

            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            CommandLineRun quiet = CommandLineRun.of("test", "--config", temp.toString());

            assertThat(quiet.exitCode()).as(quiet.stderr()).isZero();
            assertThat(quiet.stderr()).doesNotContain("in clear");
        }
    }
}
