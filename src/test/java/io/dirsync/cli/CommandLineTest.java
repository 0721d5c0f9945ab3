package io.dirsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.demo.DemoDirectory;
import io.dirsync.testing.CommandLineRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"test", "sync", "run", "demo", "last-sync", "clear-cache", "config", "data-file",
            "import-bwdc"})
    void everyCommandAnswersHelp(String command) {
        CommandLineRun run = CommandLineRun.of(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).startsWith("Usage: dirsync " + command).contains("--config=DIR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "--help test", "-h sync", "--config test", "tset", ""})
    void dirsyncsOwnHelpAndItsErrorsListEveryCommand(String line) {
        CommandLineRun run = CommandLineRun.of(line.isEmpty() ? new String[0] : line.split(" "));

        assertThat(run.stdout() + run.stderr()).contains("Usage: dirsync [-hvV]")
                .contains("  test ", "  sync ", "  run ", "  demo ", "  last-sync ", "  clear-cache ", "  config ",
                        "  data-file ", "  import-bwdc ", "  sandbox ");
    }

    @Test
    void versionNamesTheBuild() {
        CommandLineRun run = CommandLineRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).startsWith("dirsync 0.").contains("Apache Camel 4.");
    }

    @Test
    void demoSyncsTheSampleDirectoryIntoTheSandboxTwiceThenFindsNothingToDo() {
        CommandLineRun run = CommandLineRun.of("demo");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        // 32 people, one without mail; then one hire, one leaver, one move between teams
        assertThat(run.stdout().lines()).containsExactly(
                "Synced: 31 invited, 0 removed, 9 groups updated; 0 users and 0 groups unchanged (full sync)",
                "Synced: 1 invited, 1 removed, 5 groups updated; 30 users and 4 groups unchanged",
                "Nothing to sync");
    }

    @Test
    void demoPreviewPrintsTheSampleDirectoryAsBwdcTestJson() throws IOException {
        CommandLineRun run = CommandLineRun.of("demo", "--preview");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("{\n");
        JsonNode test = JSON.readTree(run.stdout());
        assertThat(test.get("object").asText()).isEqualTo("test");
        // 32 people in the sample directory; Hedy Lamarr has no mail and is left out (and reported)
        assertThat(test.get("enabledUsers")).hasSize(31);
        assertThat(run.stderr()).contains("uid=hlamarr,ou=people,dc=demo,dc=example").contains("no email");
        assertThat(displayNames(test.get("enabledUsers"))).contains("grace.hopper@demo.example");
        Map<String, JsonNode> groups = new java.util.HashMap<>();
        test.get("groups").forEach(group -> groups.put(group.get("displayName").asText(), group));
        assertThat(groups).hasSize(9);
        // a left-out person is still in the directory: listed in her groups (as bwdc lists her), never invited
        assertThat(groups.get("Everyone").get("userIds")).hasSize(32)
                .extracting(JsonNode::asText).contains("uid=hlamarr,ou=people,dc=demo,dc=example");
        assertThat(groups.get("Engineering").get("userIds")).hasSize(12);
        assertThat(groups.get("On-Call").get("userIds")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "uid=rperlman,ou=people,dc=demo,dc=example", "uid=vcerf,ou=people,dc=demo,dc=example",
                "uid=bkahn,ou=people,dc=demo,dc=example", "uid=tbernerslee,ou=people,dc=demo,dc=example",
                "uid=ltorvalds,ou=people,dc=demo,dc=example", "uid=kthompson,ou=people,dc=demo,dc=example",
                "uid=hlamarr,ou=people,dc=demo,dc=example");
    }

    @Test
    void testWithoutAConfigurationSaysWhereItLooked() {
        CommandLineRun run = CommandLineRun.of("test", "--config", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr().strip()).startsWith("dirsync: No configuration at " + temp.resolve("application.properties"))
                .doesNotContain("\n");
    }

    @Test
    void theInstanceOptionsGoBeforeTheCommandOrAfterIt() {
        String file = temp.resolve("application.properties").toString();

        assertThat(CommandLineRun.of("--config", temp.toString(), "data-file").stdout().strip()).isEqualTo(file);
        assertThat(CommandLineRun.of("data-file", "--config", temp.toString()).stdout().strip()).isEqualTo(file);
        assertThat(CommandLineRun.of("--config", "/elsewhere", "data-file", "--config", temp.toString()).stdout().strip())
                .as("after the command wins").isEqualTo(file);
        CommandLineRun test = CommandLineRun.of("--config", temp.toString(), "test");
        assertThat(test.stderr().strip()).as("the instance named before the command is the one read")
                .startsWith("dirsync: No configuration at " + file);
    }

    @Test
    void aMissingKeyIsNamedWithExitCodeTwo() throws IOException {
        Files.writeString(temp.resolve("application.properties"), "ldap.root-path=dc=example,dc=com\n");

        CommandLineRun run = CommandLineRun.of("test", "--config", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("dirsync: Missing setting ldap.url: set it to the directory's URL,"
                + " e.g. ldaps://ldap.example.com.");
    }

    @Test
    void anUnsetEnvironmentVariableIsNamed() throws IOException {
        Files.writeString(temp.resolve("application.properties"),
                "ldap.url={{env:DIRSYNC_TEST_SURELY_UNSET}}\nldap.root-path=dc=example,dc=com\n");

        CommandLineRun run = CommandLineRun.of("test", "--config", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("dirsync: Missing setting ldap.url: {{env:DIRSYNC_TEST_SURELY_UNSET}}"
                + " resolves to nothing (is that environment variable or system property set?).");
    }

    @Test
    void aPropertiesFileThatCannotBeParsedIsNamed() throws IOException {
        Files.writeString(temp.resolve("application.properties"), "ldap.url=ldap://x\\u12\n");

        CommandLineRun run = CommandLineRun.of("test", "--config", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).startsWith("dirsync: Cannot read " + temp.resolve("application.properties"))
                .contains("Malformed").doesNotContain("\n");
    }

    @Test
    void aDirectoryTypeDirsyncDoesNotKnowIsAConfigurationErrorNamingTheOthers() throws IOException {
        Files.writeString(temp.resolve("application.properties"), "directory.type=jumpcloud\n");

        CommandLineRun run = CommandLineRun.of("test", "--config", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("dirsync: Invalid setting directory.type=jumpcloud: expected"
                + " ldap|entra|google|okta|onelogin.");
    }

    @Test
    void aSourceIsReadableWhereItsRouteIsLoaded() throws IOException {
        Path routes = temp.resolve("routes");
        Files.createDirectories(routes);
        try (Stream<Path> bundled = Files.list(Path.of("routes"))) {
            for (Path file : bundled.filter(f -> !f.getFileName().toString().equals("read-entra.camel.yaml")).toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        Files.writeString(temp.resolve("application.properties"), "directory.type=entra\n");

        CommandLineRun run = CommandLineRun.of("test", "--config", temp.toString(), "--routes", routes.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("dirsync: Invalid setting directory.type=entra: no route reads it"
                + " (direct:read-entra); add read-entra.camel.yaml to the routes folder.");
    }

    @Test
    void testReadsTheConfiguredDirectoryAndSecretsComeFromReferences() throws IOException {
        try (DemoDirectory directory = DemoDirectory.start()) {
            writeInstance(directory, Map.of("ldap.password", "{{sys:dirsync.test.secret}}", "sync.groups", "false"));
            System.setProperty("dirsync.test.secret", directory.settings().get("ldap.password"));

            CommandLineRun run = CommandLineRun.of("test", "--config", temp.toString());

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            JsonNode test = JSON.readTree(run.stdout());
            assertThat(test.get("enabledUsers")).hasSize(31);
            assertThat(test.get("groups")).isEmpty();
            assertThat(run.stderr()).doesNotContain(directory.settings().get("ldap.password"));
        } finally {
            System.clearProperty("dirsync.test.secret");
        }
    }

    @Test
    void testPrintsOneLineAsBwdcDoesAndIndentsWithPretty() throws IOException {
        try (DemoDirectory directory = DemoDirectory.start()) {
            writeInstance(directory, Map.of());

            CommandLineRun compact = CommandLineRun.of("test", "--config", temp.toString());
            CommandLineRun pretty = CommandLineRun.of("test", "--pretty", "--config", temp.toString());

            assertThat(compact.exitCode()).as(compact.stderr()).isZero();
            assertThat(pretty.exitCode()).as(pretty.stderr()).isZero();
            assertThat(compact.stdout()).startsWith("{\"object\":\"test\",\"groups\":[{\"externalId\":\"cn=")
                    .endsWith("}" + System.lineSeparator()).hasLineCount(1);
            assertThat(pretty.stdout()).startsWith("{\n  \"object\": \"test\",\n  \"groups\": [\n    {\n      \"externalId\": \"cn=");
            assertThat(JSON.readTree(pretty.stdout())).isEqualTo(JSON.readTree(compact.stdout()));
        }
    }

    @Test
    void wrongPasswordIsOneLineAndExitCodeOne() throws IOException {
        try (DemoDirectory directory = DemoDirectory.start()) {
            writeInstance(directory, Map.of("ldap.password", "not-the-password"));

            CommandLineRun run = CommandLineRun.of("test", "--config", temp.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stdout()).isEmpty();
            assertThat(run.stderr().strip()).startsWith("dirsync: LDAP bind as " + DemoDirectory.BIND_DN)
                    .contains("invalid credentials").doesNotContain("not-the-password").doesNotContain("\n");
        }
    }

    @Test
    void anEditedCopyOfTheRoutesIsUsedWithoutARebuild() throws IOException {
        Path routes = temp.resolve("routes");
        Files.createDirectories(routes);
        try (Stream<Path> bundled = Files.list(Path.of("routes"))) {
            for (Path file : bundled.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        // the operator's edit: the route renders the report itself, as compact JSON instead of the pretty-printed one
        Path read = routes.resolve("read.camel.yaml");
        String bundled = Files.readString(read);
        String report = "beanType: io.dirsync.sync.TestReport\n            method: of\n";
        assertThat(bundled).contains(report);
        Files.writeString(read, bundled.replace(report, report
                + "        - marshal:\n            json:\n              library: Jackson\n              prettyPrint: false\n"));

        CommandLineRun run = CommandLineRun.of("demo", "--preview", "--routes", routes.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout().strip()).startsWith("{\"object\":\"test\"").doesNotContain("\n");
    }

    private void writeInstance(DemoDirectory directory, Map<String, String> changes) throws IOException {
        List<String> lines = new ArrayList<>();
        Map<String, String> settings = new java.util.LinkedHashMap<>(directory.settings());
        settings.putAll(changes);
        settings.forEach((key, value) -> lines.add(key + "=" + value));
        Files.write(temp.resolve("application.properties"), lines);
        // owner-only, as 'dirsync config' writes it: one others may read draws a warning about its password
        Files.setPosixFilePermissions(temp.resolve("application.properties"), PosixFilePermissions.fromString("rw-------"));
    }

    private static List<String> displayNames(JsonNode users) {
        List<String> names = new ArrayList<>();
        users.forEach(user -> names.add(user.get("displayName").asText()));
        return names;
    }
}
