package io.dirsync.google;

import io.dirsync.SourceException;
import io.dirsync.config.Settings;
import io.dirsync.http.AccessToken;
import io.dirsync.http.Answer;
import io.dirsync.http.AnswerJudge;
import io.dirsync.http.HttpEndpoints;
import io.dirsync.http.RoutedToken;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.camel.Exchange;

/**
 * The access token of the service account acting as {@code google.admin-user}: a signed JWT-bearer assertion
 * exchanged at {@code google.token-url} through the {@code google-token} route, reused until shortly before it
 * expires, dropped when the Directory API answers 401.
 */
public class GoogleToken extends RoutedToken<Settings> {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final String CHECK_KEY = "Check the service account's key (google.key-file, or google.client-email"
            + " and google.private-key), google.admin-user, and that the account's client id has domain-wide"
            + " delegation of the three admin.directory read-only scopes.";
    private static final AnswerJudge TOKENS = AnswerJudge.of(GoogleSettings.PREFIX, GoogleResponse::said,
                    SourceException::new)
            .check(400, CHECK_KEY).check(401, CHECK_KEY).otherwise("Check google.token-url.");

    private static final String ROUTE = "direct:google-token";

    public GoogleToken() {
        this(Clock.systemUTC());
    }

    GoogleToken(Clock clock) {
        super(ROUTE, e -> new SourceException(e.getMessage(), e), clock);
    }

    GoogleToken(Settings settings, Clock clock) {
        super(settings, ROUTE, e -> new SourceException(e.getMessage(), e), clock);
    }

    @Override
    protected Settings settingsFrom(Settings settings) {
        return settings;
    }

    /** The token endpoint, for the token route. */
    public String tokenUri() {
        GoogleSettings google = GoogleSettings.from(settings());
        return HttpEndpoints.endpoint(google.tokenUrl().toString(), google.http(), getCamelContext());
    }

    /** Step of the token route: the form of the JWT-bearer grant, its assertion signed now. */
    public void tokenRequest(Exchange exchange) {
        GoogleSettings google = GoogleSettings.from(settings());
        String assertion = ServiceAccount.from(settings()).assertion(google.adminUser(), google.tokenUrl(),
                clock.instant());
        exchange.getMessage().setBody("grant_type=" + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8)
                + "&assertion=" + assertion);
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
        exchange.getMessage().setHeader("Accept", "application/json");
    }

    /** Step of the token route: the token, or a failure that says what to check. */
    public AccessToken tokenResponse(Exchange exchange) {
        return accessToken(Answer.of(exchange), TOKENS,
                "Google's token endpoint (" + GoogleSettings.from(settings()).tokenUrl() + ")",
                "Check google.token-url.", SourceException::new);
    }
}
