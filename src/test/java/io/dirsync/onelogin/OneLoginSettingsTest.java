package io.dirsync.onelogin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Settings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OneLoginSettingsTest {

    private static Map<String, String> credential() {
        return new HashMap<>(Map.of("onelogin.client-id", "id", "onelogin.client-secret", "secret"));
    }

    @Test
    void theRegionPicksTheHostUsByDefault() {
        assertThat(OneLoginSettings.from(Settings.of(credential())).apiUrl())
                .isEqualTo(URI.create("https://api.us.onelogin.com"));
        Map<String, String> eu = credential();
        eu.put("onelogin.region", "EU");
        OneLoginSettings settings = OneLoginSettings.from(Settings.of(eu));
        assertThat(settings.tokenUrl()).isEqualTo(URI.create("https://api.eu.onelogin.com/auth/oauth2/v2/token"));
        assertThat(settings.api("users")).isEqualTo(URI.create("https://api.eu.onelogin.com/api/1/users"));
    }

    @Test
    void theApiUrlOverridesTheRegionsHost() {
        Map<String, String> values = credential();
        values.put("onelogin.api-url", "https://onelogin.proxy.example.com/");
        assertThat(OneLoginSettings.from(Settings.of(values)).apiUrl())
                .isEqualTo(URI.create("https://onelogin.proxy.example.com"));
    }

    @Test
    void eachMissingOrUnusableKeyIsNamed() {
        Map<String, String> region = credential();
        region.put("onelogin.region", "asia");
        assertThatThrownBy(() -> OneLoginSettings.from(Settings.of(region))).isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid setting onelogin.region=asia: expected us or eu.");
        assertThatThrownBy(() -> OneLoginSettings.from(Settings.of(Map.of("onelogin.client-id", "id"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("onelogin.client-secret");
        assertThatThrownBy(() -> OneLoginSettings.from(Settings.of(Map.of("onelogin.client-secret", "s"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("onelogin.client-id");
    }
}
