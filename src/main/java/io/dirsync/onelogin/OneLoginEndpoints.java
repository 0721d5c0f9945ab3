package io.dirsync.onelogin;

import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.http.HttpEndpoints;
import io.dirsync.http.RoutedPages;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/** The requests of the OneLogin routes: one camel-http endpoint per origin (the {@code onelogin} target's transport). */
public class OneLoginEndpoints extends ConfiguredStep<OneLoginSettings> {

    @Override
    protected OneLoginSettings settingsFrom(Settings settings) {
        return OneLoginSettings.from(settings);
    }

    /** Step of the page route: a GET of the page in {@link RoutedPages#URL}. */
    public void get(@ExchangeProperty(RoutedPages.URL) URI url, Exchange exchange) {
        RoutedPages.get(url, exchange);
    }

    /** The endpoint the page in {@link RoutedPages#URL} is sent through. */
    public String endpoint(@ExchangeProperty(RoutedPages.URL) URI url) {
        return HttpEndpoints.endpoint(RoutedPages.origin(url), settings().http(), getCamelContext());
    }

    /** The endpoint of the token request. */
    public String tokenEndpoint() {
        return HttpEndpoints.endpoint(RoutedPages.origin(settings().tokenUrl()), settings().http(), getCamelContext());
    }
}
