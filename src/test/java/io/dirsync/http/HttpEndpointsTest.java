package io.dirsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {

    @Test
    void failedStatusesAreJudgedByTheRouteNotThrownByCamelHttp() {
        assertThat(HttpEndpoints.endpoint("https://api.bitwarden.com/public/organization/import", Optional.empty(),
                Duration.ofMinutes(2)))
                .startsWith("https://api.bitwarden.com/public/organization/import?throwExceptionOnFailure=false");
    }

    @Test
    void everyRequestHasTimeLimitsToConnectAndToBeAnswered() {
        assertThat(HttpEndpoints.endpoint("https://vault.example.com/api/x", Optional.empty(), Duration.ofSeconds(45)))
                .contains("&connectTimeout=10000&soTimeout=45000&responseTimeout=45000");
    }

    @Test
    void aConfiguredProxyIsUsed() {
        assertThat(HttpEndpoints.endpoint("https://api.bitwarden.com/x", Optional.of(URI.create("http://proxy.corp:3128")),
                Duration.ofMinutes(2)))
                .endsWith("&proxyHost=proxy.corp&proxyPort=3128");
    }

    @Test
    void aProxysCredentialsComeFromItsUrlTakenAsWritten() {
        assertThat(HttpEndpoints.endpoint("https://graph.microsoft.com/x",
                Optional.of(URI.create("http://alice:s%29cr%26t@proxy.corp:3128")), Duration.ofMinutes(2)))
                .endsWith("&proxyHost=proxy.corp&proxyPort=3128&proxyAuthUsername=RAW(alice)"
                        + "&proxyAuthPassword=RAW{s)cr&t}");
    }

    @Test
    void noProxyListsHostsAndDomains() {
        assertThat(HttpEndpoints.bypassed("vault.corp.example", ".corp.example")).isTrue();
        assertThat(HttpEndpoints.bypassed("vault.corp.example", "corp.example")).isTrue();
        assertThat(HttpEndpoints.bypassed("corp.example", "*.corp.example")).isTrue();
        assertThat(HttpEndpoints.bypassed("api.bitwarden.com", "localhost,127.0.0.1")).isFalse();
        assertThat(HttpEndpoints.bypassed("api.bitwarden.com", "*")).isTrue();
        assertThat(HttpEndpoints.bypassed("notcorp.example", "corp.example")).isFalse();
    }
}
