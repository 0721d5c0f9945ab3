package io.dirsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import io.dirsync.SourceException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule every remote API's URL follows, with each target's own keys (here a future cloud source's). */
class RemoteApiTest {

    private static RemoteApi okta(Map<String, String> values) {
        return RemoteApi.of(Settings.of(values), "okta");
    }

    @Test
    void eachTargetHasItsOwnAllowHttpKey() {
        assertThatThrownBy(() -> okta(Map.of("okta.org-url", "http://okta.example.com")).optionalUrl("okta.org-url"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("okta.allow-http=true")
                .hasMessageContaining("okta.ca-file");
        assertThat(okta(Map.of("okta.org-url", "http://okta.example.com", "okta.allow-http", "true")).optionalUrl("okta.org-url"))
                .contains(URI.create("http://okta.example.com"));
        assertThatThrownBy(() -> okta(Map.of("okta.org-url", "http://okta.example.com", "bitwarden.allow-http", "true"))
                .optionalUrl("okta.org-url")).hasMessageContaining("okta.allow-http");
    }

    @Test
    void loopbackAddressesAreThisMachine() {
        assertThat(RemoteApi.isLoopback("127.0.0.1")).isTrue();
        assertThat(RemoteApi.isLoopback("127.1.2.3")).isTrue();
        assertThat(RemoteApi.isLoopback("localhost")).isTrue();
        assertThat(RemoteApi.isLoopback("[::1]")).isTrue();
        assertThat(RemoteApi.isLoopback("127.0.0.1.example.com")).isFalse();
        assertThat(RemoteApi.isLoopback("localhost.example.com")).isFalse();
        assertThat(RemoteApi.isLoopback("10.0.0.1")).isFalse();
    }

    @Test
    void aBareHostNameMeansHttps() {
        assertThat(okta(Map.of()).url("okta.org-url", "acme.okta.com")).isEqualTo(URI.create("https://acme.okta.com"));
    }

    @Test
    void aNextLinkMustStayOnTheConfiguredOrigin() {
        URI configured = URI.create("https://graph.microsoft.com/v1.0/users");
        assertThat(RemoteApi.sameOrigin(configured, "https://graph.microsoft.com:443/v1.0/users?$skiptoken=x", "entra.graph-url"))
                .isEqualTo(URI.create("https://graph.microsoft.com:443/v1.0/users?$skiptoken=x"));
        assertThat(RemoteApi.sameOrigin(configured, "/v1.0/users?page=2", "entra.graph-url"))
                .isEqualTo(URI.create("https://graph.microsoft.com/v1.0/users?page=2"));
        for (String elsewhere : new String[] {"https://evil.example/v1.0/users", "http://graph.microsoft.com/v1.0/users",
                "https://graph.microsoft.com:8443/v1.0/users"}) {
            assertThatThrownBy(() -> RemoteApi.sameOrigin(configured, elsewhere, "entra.graph-url")).as(elsewhere)
                    .isInstanceOf(SourceException.class).hasMessageContaining("another origin")
                    .hasMessageContaining("entra.graph-url");
        }
    }
}
