package io.dirsync.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Settings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntraSettingsTest {

    private static EntraSettings with(String... more) {
        Map<String, String> values = new HashMap<>(Map.of("entra.tenant", "contoso.onmicrosoft.com",
                "entra.application-id", "5e6f7a8b", "entra.key", "s3cret"));
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return EntraSettings.from(Settings.of(values));
    }

    @Test
    void theGlobalCloudByDefault() {
        EntraSettings entra = with();

        assertThat(entra.tokenUrl()).isEqualTo(URI.create(
                "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"));
        assertThat(entra.graph("users")).isEqualTo(URI.create("https://graph.microsoft.com/v1.0/users"));
        assertThat(entra.scope()).isEqualTo("https://graph.microsoft.com/.default");
    }

    @Test
    void theAuthorityPicksTheLoginAndTheGraphHostBoth() {
        EntraSettings government = with("entra.identity-authority", "login.microsoftonline.us");
        assertThat(government.tokenUrl().getHost()).isEqualTo("login.microsoftonline.us");
        assertThat(government.graph("groups").getHost()).isEqualTo("graph.microsoft.us");
        assertThat(government.scope()).isEqualTo("https://graph.microsoft.us/.default");

        EntraSettings china = with("entra.identity-authority", "china");
        assertThat(china.tokenUrl().getHost()).isEqualTo("login.chinacloudapi.cn");
        assertThat(china.graph("groups").getHost()).isEqualTo("microsoftgraph.chinacloudapi.cn");
    }

    @Test
    void theGraphOverrideReachesUsDodAndTheScopeFollowsIt() {
        EntraSettings dod = with("entra.identity-authority", "https://login.microsoftonline.us/",
                "entra.graph-url", "https://dod-graph.microsoft.us");

        assertThat(dod.tokenUrl().getHost()).isEqualTo("login.microsoftonline.us");
        assertThat(dod.graph("users")).isEqualTo(URI.create("https://dod-graph.microsoft.us/v1.0/users"));
        assertThat(dod.scope()).isEqualTo("https://dod-graph.microsoft.us/.default");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> with("entra.identity-authority", "login.microsoftonline.de"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid setting entra.identity-authority=login.microsoftonline.de: expected"
                        + " login.microsoftonline.com");
        assertThatThrownBy(() -> with("entra.graph-url", "http://graph.corp.example"))
                .hasMessageContaining("entra.allow-http=true");
        assertThat(with("entra.graph-url", "http://127.0.0.1:8080").graphUrl().getPort()).isEqualTo(8080);
        assertThatThrownBy(() -> EntraSettings.from(Settings.of(Map.of("entra.tenant", "t", "entra.application-id", "a"))))
                .hasMessageStartingWith("Missing setting entra.key");
        assertThatThrownBy(() -> with("entra.request-timeout", "0")).hasMessageContaining("entra.request-timeout=0");
    }

    @Test
    void theSecretIsNeverShown() {
        assertThat(with().toString()).doesNotContain("s3cret");
    }
}
