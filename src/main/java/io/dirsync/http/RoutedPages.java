package io.dirsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.SourceException;
import java.net.URI;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * A {@link PagedApi} whose pages are each one exchange through a page route (the page's URL in the exchange property
 * {@link #URL}, a {@link NextLinks.Page} in the answer's body), next links followed to the end.
 */
public final class RoutedPages implements PagedApi {

    /** The exchange property with the URL of the page a request gets. */
    public static final String URL = "dirsyncUrl";

    private final ProducerTemplate template;
    private final String route;
    private final String key;

    /**
     * @param route the page route, e.g. {@code direct:okta-page}
     * @param key   the setting that names the API's URL, for a refused next link's message
     */
    public RoutedPages(ProducerTemplate template, String route, String key) {
        this.template = template;
        this.route = route;
        this.key = key;
    }

    @Override
    public List<JsonNode> list(URI first) {
        return NextLinks.all(first, this::page, key);
    }

    private NextLinks.Page page(URI url) {
        Exchange reply = template.request(route, exchange -> exchange.setProperty(URL, url));
        if (reply.getException() != null) {
            throw reply.getException() instanceof RuntimeException runtime
                    ? runtime : new SourceException(reply.getException().getMessage(), reply.getException());
        }
        return reply.getMessage().getBody(NextLinks.Page.class);
    }

    /** Step of a page route: the request headers of a GET of {@code url}, the link as the server wrote it. */
    public static void get(URI url, Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.getMessage().setHeader(Exchange.HTTP_URI, url.getScheme() + "://" + url.getRawAuthority()
                + url.getRawPath());
        if (url.getRawQuery() != null) {
            exchange.getMessage().setHeader(Exchange.HTTP_QUERY, url.getRawQuery());
        }
        exchange.getMessage().setHeader("Accept", "application/json");
        exchange.getMessage().setBody(null);
    }

    /** The origin of {@code url}, to pick its endpoint. */
    public static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }
}
