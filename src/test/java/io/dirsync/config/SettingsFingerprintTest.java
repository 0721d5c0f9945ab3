package io.dirsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.config.Settings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsFingerprintTest {

    private static final Map<String, String> BASE = Map.of(
            "directory.type", "ldap",
            "ldap.url", "ldaps://ldap.example.com",
            "ldap.root-path", "dc=example,dc=com",
            "ldap.password", "secret-1",
            "sync.user-filter", "(memberOf=cn=staff,dc=example,dc=com)",
            "sync.interval", "5");

    private static String fingerprint(Map<String, String> values) {
        return SettingsFingerprint.of(Settings.of(values));
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> values = new HashMap<>(BASE);
        values.put(key, value);
        return values;
    }

    @Test
    void isTheSha256OfTheSetKeysSortedByName() {
        // printf 'directory.type=ldap\nldap.root-path=dc=example,dc=com\nldap.url=ldaps://ldap.example.com\n' | sha256sum
        assertThat(fingerprint(Map.of("directory.type", "ldap", "ldap.url", "ldaps://ldap.example.com",
                "ldap.root-path", "dc=example,dc=com", "sync.cron", "0 0 * * * ?")))
                .isEqualTo("sha256:3d810712ba0deeb9fad48b063c61043678979302f08bd4ab28cb93e0a31ee729");
    }

    @Test
    void digestsTheKeysTheRegistryMarksAsSelecting() {
        assertThat(SettingsFingerprint.KEYS).contains("directory.type", "ldap.url", "sync.user-filter",
                "entra.identity-authority").doesNotContain("ldap.password", "sync.interval", "sync.max-deletions",
                "bitwarden.url");
        assertThat(SettingsFingerprint.KEYS).isSorted();
    }

    @Test
    void changesWithWhatSelectsOrMapsEntries() {
        String base = fingerprint(BASE);

        assertThat(fingerprint(with("sync.user-filter", "(objectClass=person)"))).isNotEqualTo(base);
        assertThat(fingerprint(with("ldap.root-path", "dc=other,dc=com"))).isNotEqualTo(base);
        assertThat(fingerprint(with("sync.remove-disabled", "true"))).isNotEqualTo(base);
        assertThat(fingerprint(with("sync.groups", "false"))).isNotEqualTo(base);
    }

    @Test
    void ignoresSecretsSchedulingAndGuards() {
        String base = fingerprint(BASE);

        assertThat(fingerprint(with("ldap.password", "secret-2"))).isEqualTo(base);
        assertThat(fingerprint(with("sync.interval", "10"))).isEqualTo(base);
        assertThat(fingerprint(with("sync.max-deletions", "50"))).isEqualTo(base);
        assertThat(fingerprint(with("sync.full-every", "1h"))).isEqualTo(base);
        assertThat(fingerprint(with("bitwarden.client-secret", "x"))).isEqualTo(base);
        assertThat(fingerprint(with("sync.user-filter", "  (memberOf=cn=staff,dc=example,dc=com) "))).isEqualTo(base);
        assertThat(fingerprint(with("sync.group-filter", " "))).isEqualTo(base);
    }
}
