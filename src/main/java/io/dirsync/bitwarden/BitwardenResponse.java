package io.dirsync.bitwarden;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.camel.Exchange;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Steps of the Bitwarden routes that judge the server's answers. Only Bitwarden's own answer counts as success: the
 * import's is an empty 200 (or JSON, where a server sends some), the member list's a JSON list. A 200 with anything
 * else — the web vault's {@code index.html} served by a misrouted proxy, say — fails the run rather than being
 * taken for an applied change. 401 drops the token (the retry renews it); 429 and 5xx are worth a retry, when the
 * server says; any other status is final, with the server's own message.
 */
public class BitwardenResponse {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final String MEMBER_LIST = "the member list";

    private final BitwardenToken token;

    public BitwardenResponse(BitwardenToken token) {
        this.token = token;
    }

    /** Step of the {@code post-import} route: the answer to one import request. */
    public void importAnswer(Exchange exchange) {
        String body = judge(exchange, "the import");
        if (!body.isBlank()) {
            requireJson(exchange, body, "the import");
        }
    }

    /** Step of the {@code get-members} route: {@code GET /public/members}, as the organization's members. */
    public List<OrganizationMember> memberList(Exchange exchange) {
        String body = judge(exchange, MEMBER_LIST);
        requireJson(exchange, body, MEMBER_LIST);
        try {
            OrganizationMember.ListResponse list = JSON.readValue(body, OrganizationMember.ListResponse.class);
            if (list == null || list.data() == null) {
                throw notBitwarden(exchange, MEMBER_LIST, "JSON without a \"data\" list");
            }
            return list.data();
        } catch (JsonProcessingException e) {
            throw notBitwarden(exchange, MEMBER_LIST, "JSON that is not a member list");
        }
    }

    /** Step of the Bitwarden routes, for a request that never got an answer. */
    public void unreachable(Exchange exchange) {
        String url = exchange.getProperty(Exchange.TO_ENDPOINT, "", String.class).replaceFirst("\\?.*", "");
        throw unreachable(url, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
    }

    /**
     * Why a request to {@code url} got no answer. What no wait can mend fails at once: an unknown host, TLS spoken
     * to a plain-HTTP port, a certificate that does not verify or is for another name. Nothing listening and no
     * answer in time are worth a retry.
     */
    static BitwardenException unreachable(String url, Throwable failure) {
        String at = "Cannot reach Bitwarden" + (url.isEmpty() ? "" : " at " + url) + ": ";
        String detail = failure == null ? "no answer" : failure.getMessage();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new BitwardenException(at + "unknown host " + t.getMessage() + ". Check bitwarden.url (and"
                        + " bitwarden.api-url / bitwarden.identity-url) and the DNS.", failure);
            }
            if (t instanceof SSLPeerUnverifiedException) {
                return new BitwardenException(at + "its certificate is not for that host name (" + t.getMessage()
                        + "). Use a name the certificate lists in bitwarden.url.", failure);
            }
            if (t instanceof CertificateException) {
                return new BitwardenException(at + "its TLS certificate does not verify (" + t.getMessage()
                        + "). Set bitwarden.ca-file to the PEM file of the CA that signed it.", failure);
            }
            if (t instanceof SSLException && String.valueOf(t.getMessage()).contains("nrecognized SSL message")) {
                return new BitwardenException(at + "the server there does not speak TLS (plain HTTP?). Check the"
                        + " port in bitwarden.url, or use http:// (to another machine only with"
                        + " bitwarden.allow-http=true).", failure);
            }
            if (t instanceof ConnectTimeoutException && url.startsWith("https:")
                    && String.valueOf(t.getMessage()).contains("Read timed out")) {
                // connected, but no TLS handshake in time: a plain-HTTP server waiting for a request line
                return new BitwardenException(at + "the server there did not answer the TLS handshake (a plain-HTTP"
                        + " port?). Check the port in bitwarden.url, or use http:// (to another machine only with"
                        + " bitwarden.allow-http=true).", failure);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof ConnectTimeoutException) {
                return new NoConnectionException(at + t.getMessage() + ". Check bitwarden.url, the network and"
                        + " bitwarden.proxy.", failure);
            }
            if (t instanceof SocketTimeoutException) {
                return new BitwardenUnavailableException(at + "no answer within bitwarden.request-timeout.",
                        Optional.empty(), failure);
            }
        }
        return new BitwardenUnavailableException(at + detail + ". Check bitwarden.url, the network and"
                + " bitwarden.proxy.", Optional.empty(), failure);
    }

    /** The body of a 200; throws what any other status means. */
    private String judge(Exchange exchange, String what) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        body = body == null ? "" : body;
        if (status == 200) {
            return body;
        }
        String said = ServerMessage.of(body);
        String answered = "Bitwarden answered " + status + " to " + what + (said.isEmpty() ? "" : ": " + said);
        if (status == 401) {
            token.invalidate();
            throw new TokenRejectedException("Bitwarden rejected the access token (401) even after renewing it."
                    + " Check that the organization's API key is still valid (bitwarden.client-secret).");
        }
        if (status == 429 || status >= 500) {
            throw new BitwardenUnavailableException(answered + ".", io.dirsync.http.RetryAfter.of(exchange), null);
        }
        if (status == 404) {
            throw new BitwardenException(answered + ". Check bitwarden.url / bitwarden.api-url point at a Bitwarden"
                    + " server's API" + (what.equals(MEMBER_LIST) ? "; a Vaultwarden server has no member list: set"
                    + " bitwarden.server=vaultwarden" : "") + ".");
        }
        throw new BitwardenException(answered + ".");
    }

    private static void requireJson(Exchange exchange, String body, String what) {
        String type = contentType(exchange);
        if (!type.contains("json")) {
            throw notBitwarden(exchange, what, type.isEmpty() ? "a body without a content type" : type);
        }
        try {
            JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw notBitwarden(exchange, what, "a body that is not JSON");
        }
    }

    private static BitwardenException notBitwarden(Exchange exchange, String what, String got) {
        return new BitwardenException("Bitwarden's API did not answer " + what + ": the server answered 200 with "
                + got + (got.startsWith("text/html") ? " (a web page)" : "") + ", so nothing counts as applied."
                + " Check that bitwarden.url (or bitwarden.api-url) reaches the API, not the web vault or a proxy's"
                + " page.");
    }

    private static String contentType(Exchange exchange) {
        String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        return type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
    }
}
