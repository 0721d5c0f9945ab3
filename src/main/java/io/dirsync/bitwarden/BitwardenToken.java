package io.dirsync.bitwarden;

import io.dirsync.config.Settings;
import io.dirsync.config.StateFolder;
import io.dirsync.http.AccessToken;
import io.dirsync.http.Answer;
import io.dirsync.http.AnswerJudge;
import io.dirsync.http.RoutedToken;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organization's access token: fetched through the {@code bitwarden-token} route with the API key
 * (client credentials, plus the device fields bwdc sends, which Vaultwarden requires), reused until shortly
 * before it expires, dropped when the API answers 401.
 */
public class BitwardenToken extends RoutedToken<Settings> {

    private static final Logger LOG = LoggerFactory.getLogger(BitwardenToken.class);
    /** Bitwarden's desktop device type for Linux, which bwdc sends from Linux. */
    static final String DEVICE_TYPE = "8";
    private static final AnswerJudge TOKENS = BitwardenResponse.ANSWERS
            .refusing("the organization API key", "Check bitwarden.client-id and bitwarden.client-secret (Admin"
                    + " Console → Settings → Organization info → API key) and that the organization may use the API.")
            .otherwise("Check bitwarden.url / bitwarden.identity-url.");

    public BitwardenToken() {
        this(Clock.systemUTC());
    }

    BitwardenToken(Clock clock) {
        super("direct:bitwarden-token", e -> new BitwardenException(e.getMessage(), e), clock);
    }

    /** Step of the token route: the form body and headers of {@code POST /connect/token}. */
    public void tokenRequest(Exchange exchange) {
        Settings settings = settings();
        BitwardenSettings bitwarden = BitwardenSettings.from(settings);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", "api.organization");
        form.put("client_id", bitwarden.clientId());
        form.put("client_secret", bitwarden.clientSecret().reveal());
        form.put("deviceType", DEVICE_TYPE);
        form.put("deviceIdentifier", DeviceIdentifier.of(StateFolder.of(settings)));
        form.put("deviceName", "dirsync");
        exchange.getMessage().setBody(form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded; charset=utf-8");
        exchange.getMessage().setHeader("Accept", "application/json");
        exchange.getMessage().setHeader("Device-Type", DEVICE_TYPE);
        ClientHeaders.apply(exchange);
    }

    /** Step of the token route: the token from the identity server's answer, or a failure that says why. */
    public AccessToken tokenResponse(Exchange exchange) {
        AccessToken token = accessToken(Answer.of(exchange), TOKENS, "Bitwarden's identity server ("
                + exchange.getProperty(Exchange.TO_ENDPOINT, "", String.class).replaceFirst("\\?.*", "") + ")",
                "Check bitwarden.url / bitwarden.identity-url point at a Bitwarden server.", BitwardenException::new);
        LOG.debug("Got an access token to renew at {}", token.renewAt());
        return token;
    }

    @Override
    protected Settings settingsFrom(Settings settings) {
        return settings;
    }
}
