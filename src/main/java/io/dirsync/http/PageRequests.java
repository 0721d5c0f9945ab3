package io.dirsync.http;

import io.dirsync.config.ConfiguredStep;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The requests of an API's page route: a GET of the page in {@link RoutedPages#URL}, the link as the server wrote it,
 * through one camel-http endpoint per origin with the API's transport (proxy, CA and time limits of its
 * {@link HttpTarget}).
 *
 * @param <S> the API's settings
 */
public abstract class PageRequests<S> extends ConfiguredStep<S> {

    /** The API's transport, from its settings. */
    protected abstract HttpTarget http(S settings);

    /** Step of the page route: a GET of the page in {@link RoutedPages#URL}. */
    public void get(@ExchangeProperty(RoutedPages.URL) URI url, Exchange exchange) {
        RoutedPages.get(url, exchange);
    }

    /** The endpoint the page in {@link RoutedPages#URL} is sent through. */
    public String endpoint(@ExchangeProperty(RoutedPages.URL) URI url) {
        return endpointOf(RoutedPages.origin(url));
    }

    /** The endpoint of {@code url}, with the API's transport. */
    protected final String endpointOf(String url) {
        return HttpEndpoints.endpoint(url, http(settings()), getCamelContext());
    }
}
