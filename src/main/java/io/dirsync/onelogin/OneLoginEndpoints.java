package io.dirsync.onelogin;

import io.dirsync.config.Settings;
import io.dirsync.http.HttpTarget;
import io.dirsync.http.PageRequests;
import io.dirsync.http.RoutedPages;

/** The requests of the OneLogin routes, with the {@code onelogin} target's transport. */
public class OneLoginEndpoints extends PageRequests<OneLoginSettings> {

    @Override
    protected OneLoginSettings settingsFrom(Settings settings) {
        return OneLoginSettings.from(settings);
    }

    @Override
    protected HttpTarget http(OneLoginSettings onelogin) {
        return onelogin.http();
    }

    /** The endpoint of the token request. */
    public String tokenEndpoint() {
        return endpointOf(RoutedPages.origin(settings().tokenUrl()));
    }
}
