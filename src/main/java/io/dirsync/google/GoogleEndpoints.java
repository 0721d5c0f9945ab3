package io.dirsync.google;

import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.http.HttpEndpoints;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The requests of the Directory API routes: one camel-http endpoint per origin (proxy, CA and time limits of the
 * {@code google} target), and the URL of each page in the request's headers.
 */
public class GoogleEndpoints extends ConfiguredStep<GoogleSettings> {

    /** The exchange property with the URL of the page a request gets. */
    public static final String URL = "dirsyncUrl";

    @Override
    protected GoogleSettings settingsFrom(Settings settings) {
        return GoogleSettings.from(settings);
    }

    /** Step of the page route: a GET of the page in {@link #URL}. */
    public void get(@ExchangeProperty(URL) URI url, Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.getMessage().setHeader(Exchange.HTTP_URI, url.getScheme() + "://" + url.getRawAuthority()
                + url.getRawPath());
        if (url.getRawQuery() != null) {
            exchange.getMessage().setHeader(Exchange.HTTP_QUERY, url.getRawQuery());
        }
        exchange.getMessage().setHeader("Accept", "application/json");
        exchange.getMessage().setBody(null);
    }

    /** The endpoint the page in {@link #URL} is sent through. */
    public String endpoint(@ExchangeProperty(URL) URI url) {
        return HttpEndpoints.endpoint(url.getScheme() + "://" + url.getRawAuthority(), settings().http(),
                getCamelContext());
    }
}
