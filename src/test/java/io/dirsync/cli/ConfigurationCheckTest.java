package io.dirsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A hand-written configuration is checked before anything runs, and {@code dirsync config} reads, lists, sets and
 * unsets settings as an admin expects: misspelt keys named with the nearest real one, values checked on the way in,
 * secrets never shown.
 */
class ConfigurationCheckTest {

    @TempDir
    Path temp;

    private Path properties() {
        return temp.resolve("application.properties");
    }

    private void write(Map<String, String> settings) throws IOException {
        List<String> lines = new ArrayList<>();
        settings.forEach((key, value) -> lines.add(key + "=" + value));
        Files.write(properties(), lines);
        Files.setPosixFilePermissions(properties(), PosixFilePermissions.fromString("rw-------"));
    }

    private CommandLineRun dirsync(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(temp.toString());
        return CommandLineRun.of(all.toArray(new String[0]));
    }

    private static String oneErrorLine(CommandLineRun run, int exitCode) {
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(exitCode);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr().strip()).startsWith("dirsync: ").doesNotContain("\n");
        return run.stderr().strip();
    }

    @Test
    void aMisspeltKeyInAHandWrittenFileIsExitTwoNamingItAndTheNearestKey() throws IOException {
        try (DemoDirectory directory = DemoDirectory.start()) {
            Map<String, String> settings = new LinkedHashMap<>(directory.settings());
            settings.put("sync.user-filtr", "(uid=ada*)");
            write(settings);

            String error = oneErrorLine(dirsync("test"), 2);

            assertThat(error).contains("sync.user-filtr").contains(properties().toString())
                    .contains("did you mean sync.user-filter?");
        }
    }

    @Test
    void camelsOwnKeysAndOtherNamespacesStayLegal() throws IOException {
        try (DemoDirectory directory = DemoDirectory.start()) {
            Map<String, String> settings = new LinkedHashMap<>(directory.settings());
            settings.put("camel.main.name", "dirsync-at-acme");
            settings.put("acme.team", "identity");
            write(settings);

            CommandLineRun run = dirsync("test");

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).contains("\"enabledUsers\"");
        }
    }

    @Test
    void configGetListAndUnsetShowWhatTheInstanceUsesAndWhere() throws IOException {
        write(Map.of("ldap.url", "ldaps://ldap.acme.example", "ldap.password", "Sup3r-Secret",
                "sync.user-filter", "(department=IT)"));

        CommandLineRun get = dirsync("config", "get", "ldap.url");
        assertThat(get.exitCode()).as(get.stderr()).isZero();
        assertThat(get.stdout()).isEqualTo("ldaps://ldap.acme.example\n");

        assertThat(dirsync("config", "get", "ldap.page-size").stdout()).as("a documented default")
                .isEqualTo("1000\n");
        assertThat(dirsync("config", "get", "ldap.password").stdout()).as("a secret").isEqualTo("********\n");
        assertThat(dirsync("config", "get", "ldap.bind-dn").stdout()).as("unset, no default").isEmpty();

        CommandLineRun list = dirsync("config", "list");
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(list.stdout()).contains("ldap.url=ldaps://ldap.acme.example  # " + properties() + "\n")
                .contains("ldap.page-size=1000  # default\n")
                .contains("ldap.password=********  # " + properties() + "\n")
                .doesNotContain("Sup3r-Secret");

        CommandLineRun unset = dirsync("config", "unset", "sync.user-filter");
        assertThat(unset.exitCode()).as(unset.stderr()).isZero();
        assertThat(Files.readString(properties())).doesNotContain("sync.user-filter").contains("ldap.url=");
        assertThat(dirsync("config", "get", "sync.user-filter").stdout()).isEmpty();
    }

    @Test
    void configChecksWhatItWritesAndKeepsTheFileAsItWas() throws IOException {
        write(Map.of("ldap.url", "ldaps://ldap.acme.example"));
        String before = Files.readString(properties());

        assertThat(oneErrorLine(dirsync("config", "sync.cron", "0 0/15 * * *"), 2)).contains("sync.cron");
        assertThat(oneErrorLine(dirsync("config", "bitwarden.client-id", "3f2a6e5c-8d7b-4c1a-9e0f-1a2b3c4d5e6f"), 2))
                .contains("bitwarden.client-id").contains("organization.");
        assertThat(oneErrorLine(dirsync("config", "sync.remove-disabled", "perhaps"), 2))
                .contains("sync.remove-disabled");
        assertThat(oneErrorLine(dirsync("config", "okta.request-timeout", "0"), 2))
                .contains("okta.request-timeout=0").contains("time limit");
        assertThat(oneErrorLine(dirsync("config", "sync.user-filtr", "(uid=a)"), 2))
                .contains("did you mean sync.user-filter?");
        assertThat(Files.readString(properties())).isEqualTo(before);

        CommandLineRun good = dirsync("config", "sync.cron", "0 0/15 * * * ?");
        assertThat(good.exitCode()).as(good.stderr()).isZero();
        assertThat(dirsync("config", "get", "sync.cron").stdout()).isEqualTo("0 0/15 * * * ?\n");
        CommandLineRun reference = dirsync("config", "ldap.password", "{{env:LDAP_PASSWORD}}");
        assertThat(reference.exitCode()).as("a reference is not checked as a value").isZero();
    }

    @Test
    void aSettingAnEnvironmentVariableOverridesIsNamedWithVerboseAndShownByConfigList() throws Exception {
        try (DemoDirectory directory = DemoDirectory.start()) {
            write(directory.settings());
            Map<String, String> environment = Map.of("SYNC_USER_FILTER", "(uid=alovelace)");

            CommandLineRun test = CommandLineRun.inChildJvm(environment, "test", "-v", "--config", temp.toString());
            CommandLineRun list = CommandLineRun.inChildJvm(environment, "config", "list", "--config", temp.toString());

            assertThat(test.exitCode()).as(test.stderr()).isZero();
            assertThat(test.stderr()).contains("sync.user-filter is set by the environment variable SYNC_USER_FILTER");
            assertThat(test.stdout()).contains("ada.lovelace@demo.example").doesNotContain("alan.turing@demo.example");
            assertThat(list.stdout()).contains("sync.user-filter=(uid=alovelace)  # environment SYNC_USER_FILTER\n");
        }
    }

    @Test
    void aFilterIsCheckedAsTheInstancesSourceReadsIt() throws IOException {
        write(Map.of("ldap.url", "ldaps://ldap.acme.example"));
        assertThat(oneErrorLine(dirsync("config", "sync.user-filter", "(uid=ada"), 2)).contains("sync.user-filter");
        assertThat(dirsync("config", "sync.user-filter", "(uid=ada*)").exitCode()).isZero();

        write(Map.of("directory.type", "entra"));
        assertThat(oneErrorLine(dirsync("config", "sync.user-filter", "includeGroups:sales"), 2))
                .contains("unknown keyword \"includeGroups\"");
        CommandLineRun bwdcGrammar = dirsync("config", "sync.user-filter", "includeGroup:Sales|exclude:joe@x.com");
        assertThat(bwdcGrammar.exitCode()).as(bwdcGrammar.stderr()).isZero();
        assertThat(dirsync("config", "get", "sync.user-filter").stdout()).isEqualTo("includeGroup:Sales|exclude:joe@x.com\n");
    }
}
