package io.dirsync.bitwarden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.config.StateFolder;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organization's access token: fetched through the {@code bitwarden-token} route with the API key
 * (client credentials, plus the device fields bwdc sends, which Vaultwarden requires), reused until shortly
 * before it expires, dropped when the API answers 401.
 */
public class BitwardenToken extends ConfiguredStep<Settings> {

    private static final Logger LOG = LoggerFactory.getLogger(BitwardenToken.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bitwarden's desktop device type for Linux, which bwdc sends from Linux. */
    static final String DEVICE_TYPE = "8";
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    /** An access token and when to stop using it. */
    public record Token(String accessToken, Instant renewAt) {
        @Override
        public String toString() {
            return "Token[renewAt=" + renewAt + "]";
        }
    }

    private final Clock clock;
    private ProducerTemplate template;
    private volatile Token current;

    public BitwardenToken() {
        this(Clock.systemUTC());
    }

    BitwardenToken(Clock clock) {
        this.clock = clock;
    }

    /** The {@code Authorization} header value, fetching a token first when there is none or it is about to expire. */
    public synchronized String authorization() {
        Token token = current;
        if (token == null || !clock.instant().isBefore(token.renewAt())) {
            token = fetch();
            current = token;
        }
        return "Bearer " + token.accessToken();
    }

    /** Forgets the token, so the next request fetches a new one. */
    public void invalidate() {
        current = null;
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
    public Token tokenResponse(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        if (status == 200) {
            try {
                JsonNode json = JSON.readTree(body);
                String accessToken = json.path("access_token").asText("");
                if (!accessToken.isEmpty()) {
                    Duration lifetime = Duration.ofSeconds(json.path("expires_in").asLong(3600));
                    Duration margin = lifetime.compareTo(RENEW_BEFORE_EXPIRY.multipliedBy(2)) > 0
                            ? RENEW_BEFORE_EXPIRY : lifetime.dividedBy(2);
                    LOG.debug("Got an access token valid for {} s", lifetime.toSeconds());
                    return new Token(accessToken, clock.instant().plus(lifetime).minus(margin));
                }
            } catch (IOException e) {
                // falls through to the failure below
            }
            throw new BitwardenException("Bitwarden's identity server answered 200 without an access token. Check"
                    + " bitwarden.url / bitwarden.identity-url point at a Bitwarden server.");
        }
        String said = ServerMessage.of(body);
        String where = "Bitwarden's identity server (" + exchange.getProperty(Exchange.TO_ENDPOINT, "", String.class)
                .replaceFirst("\\?.*", "") + ")";
        if (status == 429 || status >= 500) {
            throw new BitwardenUnavailableException(where + " answered " + status + (said.isEmpty() ? "" : ": " + said) + ".",
                    RetryAfter.of(exchange), null);
        }
        if (status == 400 || status == 401) {
            throw new BitwardenException(where + " refused the organization API key: "
                    + (said.isEmpty() ? "HTTP " + status : said)
                    + ". Check bitwarden.client-id and bitwarden.client-secret (Admin Console → Settings →"
                    + " Organization info → API key) and that the organization may use the API.");
        }
        throw new BitwardenException(where + " answered " + status + (said.isEmpty() ? "" : ": " + said)
                + ". Check bitwarden.url / bitwarden.identity-url.");
    }

    private Token fetch() {
        Exchange reply = template().request("direct:bitwarden-token", exchange -> { });
        if (reply.getException() != null) {
            throw reply.getException() instanceof RuntimeException runtime
                    ? runtime : new BitwardenException(reply.getException().getMessage(), reply.getException());
        }
        return reply.getMessage().getBody(Token.class);
    }

    private ProducerTemplate template() {
        if (template == null) {
            template = getCamelContext().createProducerTemplate();
        }
        return template;
    }

    Optional<Token> current() {
        return Optional.ofNullable(current);
    }

    @Override
    protected Settings settingsFrom(Settings settings) {
        return settings;
    }
}
