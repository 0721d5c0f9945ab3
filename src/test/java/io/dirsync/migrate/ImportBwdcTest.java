package io.dirsync.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.dirsync.testing.CommandLineRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dirsync import-bwdc} on a data.json of each directory type, as an admin runs it: the properties written, what
 * stderr names, and that no secret appears anywhere but in the --env-file. The LDAP file is the one bwdc 2026.6.1 wrote;
 * the others follow its layout (bwdc-core.md §4.2). Expectations are written out by hand from bwdc's semantics.
 */
class ImportBwdcTest {

    private static final Pattern DOCUMENTED = Pattern.compile("^# ([a-z][a-z0-9.-]*)=.*$");

    @TempDir
    Path temp;

    private Path fixture(String type) throws IOException {
        Path file = temp.resolve("data-json-" + type + ".json");
        try (InputStream in = ImportBwdcTest.class.getResourceAsStream("/bwdc/data-json-" + type + ".json")) {
            Files.copy(in, file);
        }
        return file;
    }

    private Path instance() {
        return temp.resolve("instance");
    }

    private CommandLineRun importBwdc(String type, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("import-bwdc", fixture(type).toString(),
                "--config", instance().toString()));
        args.addAll(List.of(more));
        return CommandLineRun.of(args.toArray(new String[0]));
    }

    /** The settings of the written file, comments left out. */
    private Map<String, String> written() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(instance().resolve("application.properties"))) {
            properties.load(reader);
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
        return settings;
    }

    private static void succeeded(CommandLineRun run, Path instance) {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo(instance.resolve("application.properties").toAbsolutePath() + "\n");
        assertThat(run.stderr().lines()).noneMatch(line -> line.startsWith("dirsync:"));
        assertThat(run.stderr()).doesNotContain("Exception");
    }

    @Test
    void theLdapFileBwdcWroteBecomesTheSameSettingsWithItsSecretsAsEnvironmentVariables() throws IOException {
        CommandLineRun run = importBwdc("ldap");

        succeeded(run, instance());
        assertThat(written()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("directory.type", "ldap"),
                entry("ldap.url", "ldap://ldap.example.com:389"),
                entry("ldap.start-tls", "false"),
                entry("ldap.allow-untrusted", "false"),
                entry("ldap.bind-dn", "cn=admin,dc=example,dc=com"),
                entry("ldap.password", "{{env:LDAP_PASSWORD}}"),
                entry("ldap.root-path", "dc=example,dc=com"),
                entry("ldap.active-directory", "false"),
                entry("sync.users", "true"),
                entry("sync.groups", "true"),
                entry("sync.user-path", "ou=people"),
                entry("sync.group-path", "ou=groups"),
                entry("sync.user-object-class", "inetOrgPerson"),
                entry("sync.group-object-class", "groupOfNames"),
                entry("sync.user-email-attribute", "mail"),
                entry("sync.group-name-attribute", "cn"),
                entry("sync.member-attribute", "member"),
                entry("sync.use-email-prefix-suffix", "false"),
                entry("sync.email-prefix-attribute", "sAMAccountName"),
                entry("sync.remove-disabled", "false"),
                entry("sync.overwrite-existing", "false"),
                entry("sync.large-import", "false"),
                entry("sync.invite-users-after-provisioning", "false"),
                entry("sync.interval", "5"),
                entry("bitwarden.url", "https://bitwarden.example.com"),
                entry("bitwarden.client-id", "organization.3f2a6e5c-1b7d-4c1e-9a55-0d2c4e7b8a91"),
                entry("bitwarden.client-secret", "{{env:BITWARDEN_CLIENT_SECRET}}")));
        assertThat(run.stderr())
                .contains("Set these environment variables for dirsync (the file refers to them): LDAP_PASSWORD,"
                        + " BITWARDEN_CLIENT_SECRET.")
                .contains("--env-file PATH")
                .contains("Ignored, as bwdc ignores them while its directory type is LDAP: directoryEntra, directoryGsuite,"
                        + " directoryOkta, directoryOnelogin.");
        noSecretOutsideTheEnvironmentFile(run, "the-ldap-bind-password", "the-organization-api-key-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(instance().resolve("application.properties"))))
                .isEqualTo("rw-------");
    }

    @Test
    void activeDirectoryOverLdapsFromAKeychainInstall() throws IOException {
        CommandLineRun run = importBwdc("ad");

        succeeded(run, instance());
        assertThat(written()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("directory.type", "ldap"),
                // ssl without startTls is LDAPS; bwdc lower-cases the URL
                entry("ldap.url", "ldaps://dc1.corp.example.com:636"),
                entry("ldap.start-tls", "false"),
                entry("ldap.ca-file", "/etc/bwdc/corp-ca.pem"),
                entry("ldap.allow-untrusted", "false"),
                entry("ldap.bind-dn", "CN=bwdc,CN=Users,DC=corp,DC=example,DC=com"),
                entry("ldap.password", "{{env:LDAP_PASSWORD}}"),
                entry("ldap.root-path", "DC=corp,DC=example,DC=com"),
                entry("ldap.active-directory", "true"),
                entry("sync.users", "true"),
                entry("sync.groups", "true"),
                entry("sync.user-path", "CN=Users"),
                entry("sync.group-path", "OU=Groups"),
                entry("sync.user-object-class", "person"),
                entry("sync.group-object-class", "group"),
                entry("sync.user-email-attribute", "mail"),
                entry("sync.group-name-attribute", "name"),
                entry("sync.member-attribute", "member"),
                entry("sync.user-filter", "(!(isCriticalSystemObject=TRUE))"),
                entry("sync.use-email-prefix-suffix", "true"),
                entry("sync.email-prefix-attribute", "sAMAccountName"),
                entry("sync.email-suffix", "@corp.example.com"),
                entry("sync.remove-disabled", "true"),
                entry("sync.overwrite-existing", "false"),
                entry("sync.large-import", "true"),
                entry("sync.invite-users-after-provisioning", "true"),
                entry("sync.interval", "15"),
                entry("bitwarden.api-url", "https://api.bitwarden.eu"),
                entry("bitwarden.identity-url", "https://identity.bitwarden.eu"),
                // the API key stayed in bwdc's keychain: its id is organization.<organizationId>
                entry("bitwarden.client-id", "organization.9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e"),
                entry("bitwarden.client-secret", "{{env:BITWARDEN_CLIENT_SECRET}}")));
        assertThat(run.stderr().lines())
                .contains("Not in data.json (bwdc kept them in the system's keychain), so take them from where you keep"
                        + " them: LDAP_PASSWORD, BITWARDEN_CLIENT_SECRET.")
                .anyMatch(line -> line.startsWith("directoryLdap.tlsCaPath=/etc/bwdc/starttls-ca.pem is not carried over"))
                .anyMatch(line -> line.startsWith("ldap.ca-file=/etc/bwdc/corp-ca.pem is no readable file here"))
                .anyMatch(line -> line.startsWith("directoryLdap.domain=corp.example.com is not carried over"))
                .anyMatch(line -> line.startsWith("sync.creationDateAttribute=whenCreated is not carried over"))
                .anyMatch(line -> line.startsWith("sync.revisionDateAttribute=whenChanged is not supported"))
                .contains("Not needed by dirsync: environmentUrls.webVault.");
        assertThat(run.stderr()).doesNotContain("--env-file PATH");
    }

    @Test
    void entraKeepsItsAuthorityAndBwdcsFilterGrammar() throws IOException {
        CommandLineRun run = importBwdc("entra");

        succeeded(run, instance());
        assertThat(written()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("directory.type", "entra"),
                entry("entra.tenant", "contoso.onmicrosoft.us"),
                entry("entra.application-id", "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"),
                entry("entra.key", "{{env:ENTRA_KEY}}"),
                entry("entra.identity-authority", "login.microsoftonline.us"),
                entry("sync.users", "true"),
                entry("sync.groups", "true"),
                entry("sync.user-filter", "includeGroup:2f4d6b8a-0c1e-4a3b-9d5f-7e9a1b3c5d7f|exclude:test@contoso.com"),
                entry("sync.group-filter", "include:Sales,IT"),
                entry("sync.remove-disabled", "false"),
                entry("sync.overwrite-existing", "false"),
                entry("sync.large-import", "false"),
                entry("sync.invite-users-after-provisioning", "false"),
                entry("sync.interval", "60"),
                entry("bitwarden.url", "https://vault.bitwarden.eu"),
                entry("bitwarden.client-id", "organization.7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"),
                entry("bitwarden.client-secret", "{{env:BITWARDEN_CLIENT_SECRET}}")));
        assertThat(run.stderr().lines())
                .contains("Set these environment variables for dirsync (the file refers to them): ENTRA_KEY,"
                        + " BITWARDEN_CLIENT_SECRET.")
                // the LDAP fields a GUI install leaves in "sync" mean nothing to bwdc's Entra reader
                .contains("Ignored, as bwdc does for Entra ID: sync.emailPrefixAttribute, sync.memberAttribute,"
                        + " sync.userObjectClass, sync.groupObjectClass, sync.userEmailAttribute, sync.groupNameAttribute,"
                        + " sync.groupPath, sync.userPath.")
                .noneMatch(line -> line.startsWith("This build of dirsync does not read"))
                .contains("Ignored, as bwdc ignores them while its directory type is Entra ID: directoryLdap,"
                        + " directoryGsuite, directoryOkta, directoryOnelogin.");
        noSecretOutsideTheEnvironmentFile(run, "the-entra-client-secret", "the-entra-org-api-key-secret");
    }

    @Test
    void googleWritesItsServiceAccountAndThePrivateKeyOnlyToTheEnvironmentFile() throws IOException {
        Path envFile = temp.resolve("secrets/dirsync.env");
        CommandLineRun run = importBwdc("google", "--env-file", envFile.toString());

        succeeded(run, instance());
        assertThat(written()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("directory.type", "google"),
                entry("google.domain", "example.com"),
                entry("google.customer", "C03az79cb"),
                entry("google.admin-user", "admin@example.com"),
                entry("google.client-email", "bwdc@example-project.iam.gserviceaccount.com"),
                entry("google.private-key", "{{env:GOOGLE_PRIVATE_KEY}}"),
                entry("sync.users", "true"),
                entry("sync.groups", "true"),
                entry("sync.user-filter", "exclude:joe@example.com | orgUnitPath=/Engineering"),
                entry("sync.group-filter", "|name:Integration*"),
                entry("sync.remove-disabled", "true"),
                entry("sync.overwrite-existing", "false"),
                entry("sync.large-import", "false"),
                entry("sync.invite-users-after-provisioning", "true"),
                entry("sync.interval", "5"),
                entry("bitwarden.client-id", "organization.1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b"),
                entry("bitwarden.client-secret", "{{env:BITWARDEN_CLIENT_SECRET}}")));
        assertThat(run.stderr().lines())
                .contains("Ignored, as bwdc does for Google Workspace: sync.memberAttribute, sync.userPath.")
                .noneMatch(line -> line.contains("does not read Google Workspace"))
                .anyMatch(line -> line.startsWith("Wrote " + envFile + " (mode 600)"));
        noSecretOutsideTheEnvironmentFile(run, "MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAexample",
                "the-google-org-api-key-secret");
        // a double-quoted value may span lines in an EnvironmentFile, so the PEM key keeps its line breaks
        assertThat(Files.readString(envFile)).endsWith("GOOGLE_PRIVATE_KEY=\"-----BEGIN PRIVATE KEY-----\n"
                + "MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAexample\n"
                + "-----END PRIVATE KEY-----\n\"\n"
                + "BITWARDEN_CLIENT_SECRET=\"the-google-org-api-key-secret\"\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envFile))).isEqualTo("rw-------");
    }

    @Test
    void oktaFromAKeychainInstallWithOverwriteAndNoSchedule() throws IOException {
        Path envFile = temp.resolve("dirsync.env");
        CommandLineRun run = importBwdc("okta", "--env-file", envFile.toString());

        succeeded(run, instance());
        assertThat(written()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("directory.type", "okta"),
                entry("okta.org-url", "https://example.okta.com/"),
                entry("okta.token", "{{env:OKTA_TOKEN}}"),
                entry("sync.users", "true"),
                entry("sync.groups", "false"),
                entry("sync.user-filter", "exclude:joe@example.com | profile.firstName eq \"John\""),
                entry("sync.group-filter", "include:Sales,IT | type eq \"APP_GROUP\""),
                entry("sync.remove-disabled", "false"),
                entry("sync.overwrite-existing", "true"),
                entry("sync.large-import", "false"),
                entry("sync.invite-users-after-provisioning", "true"),
                entry("bitwarden.url", "https://bitwarden.example.org"),
                entry("bitwarden.identity-url", "https://login.example.org/identity"),
                entry("bitwarden.client-id", "organization.3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"),
                entry("bitwarden.client-secret", "{{env:BITWARDEN_CLIENT_SECRET}}")));
        assertThat(run.stderr().lines())
                .contains("Not in data.json (bwdc kept them in the system's keychain), so take them from where you keep"
                        + " them: OKTA_TOKEN, BITWARDEN_CLIENT_SECRET.")
                .anyMatch(line -> line.startsWith("sync.overwrite-existing=true is kept"))
                .anyMatch(line -> line.startsWith("sync.interval is not set"));
        assertThat(Files.readString(envFile)).doesNotContain("STORED SECURELY")
                .contains("# OKTA_TOKEN= (okta.token: not in data.json, bwdc kept it in the system's keychain)\n")
                .doesNotContainPattern("(?m)^OKTA_TOKEN=");
    }

    @Test
    void oneLoginKeepsTheEmailSuffixItUsesForUsernamesAndRaisesAnIntervalUnderFive() throws IOException {
        CommandLineRun run = importBwdc("onelogin");

        succeeded(run, instance());
        assertThat(written()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("directory.type", "onelogin"),
                entry("onelogin.client-id", "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"),
                entry("onelogin.client-secret", "{{env:ONELOGIN_CLIENT_SECRET}}"),
                entry("onelogin.region", "eu"),
                entry("sync.users", "true"),
                entry("sync.groups", "true"),
                entry("sync.user-filter", "include: ana@example.eu, ben@example.eu"),
                entry("sync.group-filter", "exclude: Test Role"),
                entry("sync.use-email-prefix-suffix", "true"),
                entry("sync.email-suffix", "@example.eu"),
                entry("sync.remove-disabled", "true"),
                entry("sync.overwrite-existing", "false"),
                entry("sync.large-import", "false"),
                entry("sync.invite-users-after-provisioning", "false"),
                // bwdc saves an interval under 5 minutes as 5
                entry("sync.interval", "5"),
                entry("bitwarden.client-id", "organization.5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f8a"),
                entry("bitwarden.client-secret", "{{env:BITWARDEN_CLIENT_SECRET}}")));
        assertThat(run.stderr().lines()).contains("Ignored, as bwdc does for OneLogin: sync.emailPrefixAttribute.");
        noSecretOutsideTheEnvironmentFile(run, "the-onelogin-client-secret", "the-onelogin-org-api-key-secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ldap", "ad", "entra", "google", "okta", "onelogin"})
    void everyKeyWrittenIsOneConfigApplicationPropertiesDocuments(String type) throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("config/application.properties"))) {
            Matcher matcher = DOCUMENTED.matcher(line);
            if (matcher.matches()) {
                documented.add(matcher.group(1));
            }
        }
        assertThat(documented).contains("ldap.url", "entra.tenant", "okta.token");

        CommandLineRun run = importBwdc(type);

        succeeded(run, instance());
        assertThat(written()).isNotEmpty();
        assertThat(documented).containsAll(written().keySet());
    }

    @Test
    void anExistingConfigurationIsReplacedOnlyWithForce() throws IOException {
        Files.createDirectories(instance());
        Path existing = instance().resolve("application.properties");
        Files.writeString(existing, "ldap.url=ldaps://keep.example.com\n");

        CommandLineRun refused = importBwdc("ldap");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderr().strip()).isEqualTo("dirsync: " + existing + " already exists: pass --force to replace it,"
                + " or --config DIR for another instance folder.");
        assertThat(Files.readString(existing)).isEqualTo("ldap.url=ldaps://keep.example.com\n");

        CommandLineRun forced = CommandLineRun.of("import-bwdc", temp.resolve("data-json-ldap.json").toString(),
                "--config", instance().toString(), "--force");

        succeeded(forced, instance());
        assertThat(written()).containsEntry("ldap.url", "ldap://ldap.example.com:389");
    }

    @Test
    void anExistingEnvironmentFileIsNotOverwrittenEither() throws IOException {
        Path envFile = Files.writeString(temp.resolve("dirsync.env"), "KEEP=1\n");

        CommandLineRun refused = importBwdc("ldap", "--env-file", envFile.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr().strip()).startsWith("dirsync: " + envFile + " already exists");
        assertThat(instance().resolve("application.properties")).doesNotExist();
        assertThat(Files.readString(envFile)).isEqualTo("KEEP=1\n");
    }

    @Test
    void importBwdcAnswersHelp() {
        CommandLineRun run = CommandLineRun.of("import-bwdc", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).startsWith("Usage: dirsync import-bwdc").contains("--config=DIR").contains("--env-file=PATH")
                .contains("--force");
    }

    private void noSecretOutsideTheEnvironmentFile(CommandLineRun run, String... secrets) throws IOException {
        String properties = Files.readString(instance().resolve("application.properties"));
        for (String secret : secrets) {
            assertThat(properties).doesNotContain(secret);
            assertThat(run.stdout()).doesNotContain(secret);
            assertThat(run.stderr()).doesNotContain(secret);
        }
    }
}
