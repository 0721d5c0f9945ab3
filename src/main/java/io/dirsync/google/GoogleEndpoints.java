package io.dirsync.google;

import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.http.HttpEndpoints;
import io.dirsync.http.RoutedPages;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The requests of the Directory API routes: one camel-http endpoint per origin (proxy, CA and time limits of the
 * {@code google} target), and the URL of each page in the request's headers.
 */
public class GoogleEndpoints extends ConfiguredStep<GoogleSettings> {

    @Override
    protected GoogleSettings settingsFrom(Settings settings) {
        return GoogleSettings.from(settings);
    }

    /** Step of the page route: a GET of the page in {@link RoutedPages#URL}. */
    public void get(@ExchangeProperty(RoutedPages.URL) URI url, Exchange exchange) {
        RoutedPages.get(url, exchange);
    }

    /** The endpoint the page in {@link RoutedPages#URL} is sent through. */
    public String endpoint(@ExchangeProperty(RoutedPages.URL) URI url) {
        return HttpEndpoints.endpoint(RoutedPages.origin(url), settings().http(), getCamelContext());
    }
}
