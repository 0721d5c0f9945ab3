package io.dirsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.bitwarden.BitwardenSettings;
import io.dirsync.cluster.ClusterSettings;
import io.dirsync.config.SyncSettings;
import io.dirsync.entra.EntraSettings;
import io.dirsync.ldap.LdapSettings;
import io.dirsync.observe.ManagementServer;
import io.dirsync.okta.OktaSettings;
import io.dirsync.onelogin.OneLoginSettings;
import io.dirsync.schedule.Schedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * config/application.properties documents every key with its default as a commented line. Setting each
 * key to its documented default must change nothing, so the documentation cannot drift from the code.
 */
class DocumentedDefaultsTest {

    private static final Pattern DOCUMENTED = Pattern.compile("^# ([a-z][a-z0-9.-]*)=(.*)$");
    private static final Map<String, String> REQUIRED = Map.ofEntries(
            Map.entry("ldap.url", "ldap://127.0.0.1:389"), Map.entry("ldap.root-path", "dc=example,dc=com"),
            Map.entry("bitwarden.client-id", "organization.3f2a6e5c-8d7b-4c1a-9e0f-1a2b3c4d5e6f"),
            Map.entry("bitwarden.client-secret", "s"), Map.entry("entra.tenant", "contoso.onmicrosoft.com"),
            Map.entry("entra.application-id", "5e6f7a8b"), Map.entry("entra.key", "k"),
            Map.entry("okta.org-url", "https://example.okta.com"), Map.entry("okta.token", "t"),
            Map.entry("onelogin.client-id", "c"), Map.entry("onelogin.client-secret", "s"));

    private static Map<String, String> documentedDefaults() throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("config/application.properties"))) {
            Matcher matcher = DOCUMENTED.matcher(line);
            if (matcher.matches() && !matcher.group(2).isBlank()) {
                defaults.put(matcher.group(1), matcher.group(2).trim());
            }
        }
        return defaults;
    }

    @Test
    void everyDocumentedDefaultIsTheCodesDefault() throws IOException {
        Map<String, String> defaults = documentedDefaults();
        assertThat(defaults).containsKeys("ldap.page-size", "sync.user-object-class", "sync.member-attribute", "directory.type",
                "bitwarden.url", "bitwarden.retry-for", "sync.max-deletions", "sync.full-every", "sync.interval",
                "entra.identity-authority", "entra.retry-for", "okta.retry-for", "onelogin.region", "onelogin.retry-for");

        Map<String, String> documented = new HashMap<>(REQUIRED);
        documented.putAll(defaults);
        Settings unset = Settings.of(REQUIRED);
        Settings explicit = Settings.of(documented);

        assertThat(LdapSettings.from(explicit)).isEqualTo(LdapSettings.from(unset));
        assertThat(SyncSettings.from(explicit)).isEqualTo(SyncSettings.from(unset));
        assertThat(BitwardenSettings.from(explicit)).isEqualTo(BitwardenSettings.from(unset));
        assertThat(Schedule.from(explicit)).isEqualTo(Schedule.from(unset));
        assertThat(DirectoryType.configured(explicit)).isEqualTo(DirectoryType.configured(unset));
        assertThat(EntraSettings.from(explicit)).isEqualTo(EntraSettings.from(unset));
        assertThat(ClusterSettings.from(explicit)).isEqualTo(ClusterSettings.from(unset));
        // the management server's defaults show once it is on
        documented.put(ManagementServer.PORT, "9876");
        assertThat(ManagementServer.from(Settings.of(documented)))
                .isEqualTo(ManagementServer.from(Settings.of(Map.of(ManagementServer.PORT, "9876"))));
        assertThat(OktaSettings.from(explicit)).isEqualTo(OktaSettings.from(unset));
        assertThat(OneLoginSettings.from(explicit)).isEqualTo(OneLoginSettings.from(unset));
    }

    @Test
    void theDocumentedKeysAreTheRegistrysKeys() throws IOException {
        Pattern anyKeyLine = Pattern.compile("^# ?([a-z][a-z0-9-]*\\.[a-z0-9.-]+)=.*$");
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("config/application.properties"))) {
            Matcher matcher = anyKeyLine.matcher(line);
            if (matcher.matches() && SettingsKeys.isOurs(matcher.group(1))) {
                documented.add(matcher.group(1));
            }
        }
        assertThat(documented).isEqualTo(SettingsKeys.all().keySet());
    }

    @Test
    void aDifferentValueIsNoticed() {
        // guards the test above: it would pass vacuously if the settings ignored their keys
        Map<String, String> changed = new HashMap<>(REQUIRED);
        changed.put("ldap.page-size", "500");
        assertThat(LdapSettings.from(Settings.of(changed))).isNotEqualTo(LdapSettings.from(Settings.of(REQUIRED)));
    }
}
