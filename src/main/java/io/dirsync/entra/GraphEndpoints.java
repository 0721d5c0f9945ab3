package io.dirsync.entra;

import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.http.HttpEndpoints;
import io.dirsync.http.RoutedPages;
import java.net.URI;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The requests of the Graph routes: one camel-http endpoint per origin (proxy, CA and time limits of the
 * {@code entra} target), and the URL of each page in the request's headers, so that a next link reaches Graph exactly
 * as Graph wrote it.
 */
public class GraphEndpoints extends ConfiguredStep<EntraSettings> {

    @Override
    protected EntraSettings settingsFrom(Settings settings) {
        return EntraSettings.from(settings);
    }

    /** Step of the page route: a GET of the page in {@link RoutedPages#URL}. */
    public void get(@ExchangeProperty(RoutedPages.URL) URI url, Exchange exchange) {
        RoutedPages.get(url, exchange);
    }

    /** The endpoint the page in {@link RoutedPages#URL} is sent through. */
    public String endpoint(@ExchangeProperty(RoutedPages.URL) URI url) {
        return forUrl(RoutedPages.origin(url), settings(), getCamelContext());
    }

    static String forUrl(String url, EntraSettings entra, CamelContext context) {
        return HttpEndpoints.endpoint(url, entra.http(), context);
    }
}
