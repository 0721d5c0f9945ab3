package io.dirsync.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Settings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OktaSettingsTest {

    @Test
    void theOrgUrlsTrailingSlashIsDropped() {
        OktaSettings okta = OktaSettings.from(Settings.of(Map.of("okta.org-url", "https://example.okta.com/",
                "okta.token", "t")));

        assertThat(okta.api("users?limit=200")).isEqualTo(URI.create("https://example.okta.com/api/v1/users?limit=200"));
        assertThat(okta.authorization()).isEqualTo("SSWS t");
        assertThat(okta.toString()).doesNotContain("SSWS t");
    }

    @Test
    void aBareHostMeansHttps() {
        assertThat(OktaSettings.from(Settings.of(Map.of("okta.org-url", "example.okta.com", "okta.token", "t")))
                .orgUrl()).isEqualTo(URI.create("https://example.okta.com"));
    }

    @Test
    void eachMissingOrUnusableKeyIsNamed() {
        assertThatThrownBy(() -> OktaSettings.from(Settings.of(Map.of("okta.token", "t"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("okta.org-url");
        assertThatThrownBy(() -> OktaSettings.from(Settings.of(Map.of("okta.org-url", "https://example.okta.com"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("okta.token");
        assertThatThrownBy(() -> OktaSettings.from(Settings.of(Map.of("okta.org-url", "http://example.okta.com",
                "okta.token", "t")))).isInstanceOf(ConfigurationException.class).hasMessageContaining("okta.allow-http");
    }
}
