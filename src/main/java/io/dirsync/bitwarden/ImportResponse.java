package io.dirsync.bitwarden;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Handler;

/**
 * Step of the {@code post-import} route: judges Bitwarden's answer to one import request. 200 is success;
 * 401 drops the token (the retry renews it); 429 and 5xx are worth a retry, when the server says; any other
 * status is final, with the server's own message.
 */
public class ImportResponse {

    private final BitwardenToken token;

    public ImportResponse(BitwardenToken token) {
        this.token = token;
    }

    @Handler
    public void check(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == 200) {
            return;
        }
        String said = ServerMessage.of(exchange.getMessage().getBody(String.class));
        String answered = "Bitwarden answered " + status + " to the import" + (said.isEmpty() ? "" : ": " + said);
        if (status == 401) {
            token.invalidate();
            throw new TokenRejectedException("Bitwarden rejected the access token (401) even after renewing it."
                    + " Check that the organization's API key is still valid (bitwarden.client-secret).");
        }
        if (status == 429 || status >= 500) {
            throw new BitwardenUnavailableException(answered + ".", RetryAfter.of(exchange), null);
        }
        if (status == 404) {
            throw new BitwardenException(answered + ". Check bitwarden.url / bitwarden.api-url point at a Bitwarden"
                    + " server's API.");
        }
        throw new BitwardenException(answered + ".");
    }

    /** Step of the {@code post-import} route, for a request that never got an answer. */
    public void unreachable(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String detail = cause == null ? "no answer" : cause.getMessage();
        throw new BitwardenUnavailableException("Cannot reach Bitwarden: " + detail
                + ". Check bitwarden.url, the network and bitwarden.proxy.", Optional.empty(), cause);
    }
}
