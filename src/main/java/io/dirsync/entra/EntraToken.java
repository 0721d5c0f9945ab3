package io.dirsync.entra;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;

/**
 * The application's Graph token (client credentials, {@code scope={graph}/.default}): fetched through the
 * {@code entra-token} route, reused until shortly before it expires, dropped when Graph answers 401.
 */
public class EntraToken extends RoutedToken<EntraSettings> {

    private static final AnswerJudge TOKENS = AnswerJudge.of(EntraSettings.PREFIX, GraphResponse::said,
                    SourceException::new)
            .refusing("dirsync's application", "Check entra.tenant, entra.application-id and entra.key (a client"
                    + " secret of that app registration, not its id), and entra.identity-authority.")
            .otherwise("Check entra.tenant and entra.login-url.");

    public EntraToken() {
        this(Clock.systemUTC());
    }

    EntraToken(Clock clock) {
        super("direct:entra-token", e -> new SourceException(e.getMessage(), e), clock);
    }

    @Override
    protected EntraSettings settingsFrom(Settings settings) {
        return EntraSettings.from(settings);
    }

    /** The token endpoint, for the token route. */
    public String tokenUri() {
        EntraSettings entra = settings();
        return HttpEndpoints.endpoint(entra.tokenUrl().toString(), entra.http(), getCamelContext());
    }

    /** Step of the token route: the form of {@code POST /{tenant}/oauth2/v2.0/token}. */
    public void tokenRequest(Exchange exchange) {
        EntraSettings entra = settings();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", entra.applicationId());
        form.put("client_secret", entra.key().reveal());
        form.put("scope", entra.scope());
        exchange.getMessage().setBody(form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
        exchange.getMessage().setHeader("Accept", "application/json");
    }

    /** Step of the token route: the token, or a failure that says what to check. */
    public AccessToken tokenResponse(Exchange exchange) {
        return accessToken(Answer.of(exchange), TOKENS, "Entra ID's token endpoint (" + settings().tokenUrl() + ")",
                "Check entra.login-url.", SourceException::new);
    }
}
