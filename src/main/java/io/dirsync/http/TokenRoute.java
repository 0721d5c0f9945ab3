package io.dirsync.http;

import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * The route that fetches an API's token, asked from Java when its {@link TokenCache} needs one: one request to the
 * route; the route's own failures are thrown as they are, anything else wrapped as the API's failure.
 */
public final class TokenRoute {

    private final String endpoint;
    private final Function<Exception, RuntimeException> failure;
    private ProducerTemplate template;

    /**
     * @param endpoint the token route, e.g. {@code direct:entra-token}
     * @param failure  what a checked exception of the route becomes
     */
    public TokenRoute(String endpoint, Function<Exception, RuntimeException> failure) {
        this.endpoint = endpoint;
        this.failure = failure;
    }

    public synchronized AccessToken fetch(CamelContext context) {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        Exchange reply = template.request(endpoint, exchange -> { });
        Exception failed = reply.getException();
        if (failed != null) {
            throw failed instanceof RuntimeException runtime ? runtime : failure.apply(failed);
        }
        return reply.getMessage().getBody(AccessToken.class);
    }
}
