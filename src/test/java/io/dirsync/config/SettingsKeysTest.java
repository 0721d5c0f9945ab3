package io.dirsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsKeysTest {

    private static Key failing(String why) {
        return Key.of("sync.user-filter").selecting().checkedBy(settings -> {
            throw new ConfigurationException(why);
        });
    }

    @Test
    void aKeyTwoSourcesReadIsCheckedAsTheConfiguredSourceReadsIt() {
        Key shared = failing("as LDAP").readBy(DirectoryType.LDAP).and(failing("as Entra").readBy(DirectoryType.ENTRA));

        assertThatThrownBy(() -> shared.check().accept(Settings.of(Map.of("sync.user-filter", "x"))))
                .hasMessage("as LDAP");
        assertThatThrownBy(() -> shared.check().accept(Settings.of(Map.of("sync.user-filter", "x",
                "directory.type", "entra")))).hasMessage("as Entra");
        shared.check().accept(Settings.of(Map.of("sync.user-filter", "x", "directory.type", "okta")));
        assertThat(shared.fingerprint()).isTrue();
    }

    @Test
    void twoDeclarationsMustAgreeOnWhatTheKeyIs() {
        assertThatThrownBy(() -> Key.of("sync.user-filter").and(Key.of("sync.user-filter").selecting()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("declared twice, differently");
    }

    @Test
    void theRegistryHoldsEachSourcesKeysOnce() {
        assertThat(SettingsKeys.all()).containsKeys("entra.tenant", "entra.retry-for", "entra.proxy",
                "bitwarden.proxy", "sync.user-filter", "google.domain");
        assertThat(SettingsKeys.find("entra.key")).hasValueSatisfying(key -> assertThat(key.secret()).isTrue());
        assertThat(SettingsKeys.find("entra.identity-authority"))
                .hasValueSatisfying(key -> assertThat(key.fingerprint()).isTrue());
    }
}
