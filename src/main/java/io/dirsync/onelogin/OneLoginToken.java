package io.dirsync.onelogin;

import io.dirsync.SourceException;
import io.dirsync.config.Settings;
import io.dirsync.http.AccessToken;
import io.dirsync.http.AnswerJudge;
import io.dirsync.http.RoutedToken;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.apache.camel.Exchange;

/**
 * The API credential's OneLogin token (OAuth 2 v2, client credentials): fetched through the {@code onelogin-token}
 * route, reused until shortly before it expires, dropped when the API answers 401.
 */
public class OneLoginToken extends RoutedToken<OneLoginSettings> {

    private static final AnswerJudge TOKENS = AnswerJudge.of(OneLoginSettings.PREFIX, OneLoginResponse::said,
                    SourceException::new)
            .refusing("the API credential", "Check onelogin.client-id and onelogin.client-secret (a credential"
                    + " with \"Read users\"), and onelogin.region.")
            .otherwise("Check onelogin.region and onelogin.api-url.");

    public OneLoginToken() {
        this(Clock.systemUTC());
    }

    OneLoginToken(Clock clock) {
        super("direct:onelogin-token", e -> new SourceException(e.getMessage(), e), clock);
    }

    @Override
    protected OneLoginSettings settingsFrom(Settings settings) {
        return OneLoginSettings.from(settings);
    }

    /** The {@code Authorization} header value: OneLogin's v1 form {@code bearer:<token>}. */
    @Override
    public String authorization() {
        return "bearer:" + token();
    }

    /** Step of the token route: {@code POST /auth/oauth2/v2/token}, the credential in HTTP Basic. */
    public void tokenRequest(Exchange exchange) {
        OneLoginSettings onelogin = settings();
        String credential = onelogin.clientId() + ":" + onelogin.clientSecret().reveal();
        exchange.getMessage().setHeader("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8)));
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.HTTP_URI, onelogin.tokenUrl().toString());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader("Accept", "application/json");
        exchange.getMessage().setBody("{\"grant_type\":\"client_credentials\"}");
    }

    /** Step of the token route: the token, or a failure that says what to check. */
    public AccessToken tokenResponse(Exchange exchange) {
        return accessToken(OneLoginResponse.answer(exchange, clock), TOKENS,
                "OneLogin's token endpoint (" + settings().tokenUrl() + ")", "Check onelogin.api-url.",
                SourceException::new);
    }
}
