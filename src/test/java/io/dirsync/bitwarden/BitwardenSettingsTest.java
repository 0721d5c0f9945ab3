package io.dirsync.bitwarden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BitwardenSettingsTest {

    private static final String CLIENT_ID = "organization.3f2a6e5c-8d7b-4c1a-9e0f-1a2b3c4d5e6f";

    private static BitwardenSettings settings(String... keyValues) {
        Map<String, String> values = new HashMap<>(Map.of("bitwarden.client-id", CLIENT_ID, "bitwarden.client-secret", "s3cret"));
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return BitwardenSettings.from(Settings.of(values));
    }

    @Test
    void defaultsToTheUsCloud() {
        BitwardenSettings settings = settings();

        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://api.bitwarden.com"));
        assertThat(settings.identityUrl()).isEqualTo(URI.create("https://identity.bitwarden.com"));
        assertThat(settings.organizationId()).isEqualTo("3f2a6e5c-8d7b-4c1a-9e0f-1a2b3c4d5e6f");
        assertThat(settings.retryFor()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theEuVaultMapsToTheEuCloud() {
        BitwardenSettings settings = settings("bitwarden.url", "https://vault.bitwarden.eu/");

        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://api.bitwarden.eu"));
        assertThat(settings.identityUrl()).isEqualTo(URI.create("https://identity.bitwarden.eu"));
    }

    @Test
    void anyOtherUrlIsSelfHostedWithApiAndIdentityBelowIt() {
        BitwardenSettings settings = settings("bitwarden.url", "vault.example.com/");

        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://vault.example.com/api"));
        assertThat(settings.identityUrl()).isEqualTo(URI.create("https://vault.example.com/identity"));
    }

    @Test
    void explicitApiAndIdentityUrlsWin() {
        BitwardenSettings settings = settings("bitwarden.url", "https://vault.example.com",
                "bitwarden.api-url", "https://api.example.com", "bitwarden.identity-url", "https://id.example.com");

        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://api.example.com"));
        assertThat(settings.identityUrl()).isEqualTo(URI.create("https://id.example.com"));
    }

    @Test
    void aClientIdWithoutTheOrganizationPrefixIsNamed() {
        assertThatThrownBy(() -> settings("bitwarden.client-id", "3f2a6e5c-8d7b-4c1a-9e0f-1a2b3c4d5e6f"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid setting bitwarden.client-id=3f2a6e5c")
                .hasMessageContaining("organization.<uuid>");
    }

    @Test
    void aMissingSecretIsNamedWithoutShowingAnything() {
        assertThatThrownBy(() -> BitwardenSettings.from(Settings.of(Map.of("bitwarden.client-id", CLIENT_ID))))
                .hasMessageStartingWith("Missing setting bitwarden.client-secret");
        assertThat(settings().toString()).doesNotContain("s3cret");
    }

    @Test
    void anAddressWithAPortOrAnIpButNoSchemeIsRefusedNamingTheKey() {
        for (String value : new String[] {"127.0.0.1:8080", "vault.example.com:8443", "10.0.0.5", "not a url", "ftp://x.example"}) {
            assertThatThrownBy(() -> settings("bitwarden.url", value)).as(value)
                    .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("Invalid setting bitwarden.url=" + value + ":");
        }
        assertThatThrownBy(() -> settings("bitwarden.url", "127.0.0.1:8080"))
                .hasMessageContaining("https://127.0.0.1:8080");
    }

    @Test
    void plainHttpIsForThisMachineUnlessAllowed() {
        assertThat(settings("bitwarden.url", "http://127.0.0.1:8080").apiUrl()).isEqualTo(URI.create("http://127.0.0.1:8080/api"));
        assertThat(settings("bitwarden.url", "http://localhost:8080").apiUrl()).hasHost("localhost");
        assertThat(settings("bitwarden.url", "http://[::1]:8080").apiUrl()).hasPort(8080);
        assertThatThrownBy(() -> settings("bitwarden.url", "http://vault.example.com"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bitwarden.url=http://vault.example.com").hasMessageContaining("bitwarden.allow-http=true");
        assertThatThrownBy(() -> settings("bitwarden.url", "https://vault.example.com", "bitwarden.api-url", "http://10.1.2.3/api"))
                .hasMessageStartingWith("Invalid setting bitwarden.api-url=http://10.1.2.3/api:");
        assertThat(settings("bitwarden.url", "http://vault.example.com", "bitwarden.allow-http", "true").identityUrl())
                .isEqualTo(URI.create("http://vault.example.com/identity"));
    }

    @Test
    void theRequestTimeoutHasADefaultAndCannotBeNone() {
        assertThat(settings().requestTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings("bitwarden.request-timeout", "30s").requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> settings("bitwarden.request-timeout", "0")).hasMessageContaining("bitwarden.request-timeout");
    }

    @Test
    void onlyTheCloudApiHostsAreTheCloud() {
        assertThat(settings().isCloud()).isTrue();
        assertThat(settings("bitwarden.url", "https://vault.bitwarden.eu").isCloud()).isTrue();
        assertThat(settings("bitwarden.url", "https://vault.example.com").isCloud()).isFalse();
    }

    @Test
    void aCaFileMustBeThere() {
        assertThatThrownBy(() -> settings("bitwarden.ca-file", "/nonexistent/ca.pem"))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("Invalid setting bitwarden.ca-file=");
    }
}
