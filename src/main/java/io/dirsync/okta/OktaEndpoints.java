package io.dirsync.okta;

import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.http.HttpEndpoints;
import io.dirsync.http.RoutedPages;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The requests of the Okta routes: the API token in each, and one camel-http endpoint per origin (proxy, CA and time
 * limits of the {@code okta} target).
 */
public class OktaEndpoints extends ConfiguredStep<OktaSettings> {

    @Override
    protected OktaSettings settingsFrom(Settings settings) {
        return OktaSettings.from(settings);
    }

    /** The {@code Authorization} header value: {@code SSWS <okta.token>}. */
    public String authorization() {
        return settings().authorization();
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
