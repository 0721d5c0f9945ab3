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
    void isTheSha256OfTheSetKeysInOrder() {
        // printf 'directory.type=ldap\nldap.url=ldaps://ldap.example.com\nldap.root-path=dc=example,dc=com\n' | sha256sum
        assertThat(fingerprint(Map.of("directory.type", "ldap", "ldap.url", "ldaps://ldap.example.com",
                "ldap.root-path", "dc=example,dc=com", "sync.cron", "0 0 * * * ?")))
                .isEqualTo("sha256:c28022137fe5af4b9d6bfbb9b996362a5d97598a0534a2d1cf2b899097fa99c6");
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
