package io.dirsync.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.SourceException;
import io.dirsync.config.Settings;
import io.dirsync.http.UnavailableException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class EntraTokenTest {

    private final DefaultCamelContext context = new DefaultCamelContext();
    private final EntraToken token = new EntraToken();

    EntraTokenTest() {
        context.getPropertiesComponent().setInitialProperties(properties(Map.of(
                "entra.tenant", "contoso.onmicrosoft.com", "entra.application-id", "app-id",
                "entra.key", "s3cret/+&", "entra.identity-authority", "login.microsoftonline.us")));
        token.setCamelContext(context);
    }

    private static java.util.Properties properties(Map<String, String> values) {
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(values);
        return properties;
    }

    private Exchange answer(int status, String body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void asksForClientCredentialsScopedToTheCloudsGraph() {
        Exchange exchange = new DefaultExchange(context);

        token.tokenRequest(exchange);

        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("grant_type=client_credentials"
                + "&client_id=app-id&client_secret=s3cret%2F%2B%26&scope=https%3A%2F%2Fgraph.microsoft.us%2F.default");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_METHOD)).isEqualTo("POST");
        assertThat(token.tokenUri()).startsWith("https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token?");
    }

    @Test
    void aRefusedSecretNamesTheKeysWithMicrosoftsFirstLine() {
        String refused = "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret"
                + " provided.\\r\\nTrace ID: 1\\r\\nCorrelation ID: 2\",\"error_codes\":[7000215]}";

        assertThatThrownBy(() -> token.tokenResponse(answer(401, refused)))
                .isInstanceOf(SourceException.class).isNotInstanceOf(UnavailableException.class)
                .hasMessageContaining("invalid_client (AADSTS7000215: Invalid client secret provided)")
                .hasMessageContaining("entra.key").hasMessageNotContaining("Trace ID").hasMessageNotContaining("s3cret");
    }

    @Test
    void aThrottledTokenRequestIsRetryableAndA200WithoutATokenIsNot() {
        assertThatThrownBy(() -> token.tokenResponse(answer(429, "")))
                .isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> token.tokenResponse(answer(200, "{}")))
                .isNotInstanceOf(UnavailableException.class).hasMessageContaining("without an access token");
        assertThat(token.tokenResponse(answer(200, "{\"access_token\":\"t\",\"expires_in\":3599}")).value())
                .isEqualTo("t");
    }

    @Test
    void settingsComeFromTheContext() {
        assertThat(EntraSettings.from(Settings.of(context)).authority()).isEqualTo(Authority.US_GOVERNMENT);
    }
}
