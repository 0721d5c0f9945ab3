package io.dirsync.google;

import io.dirsync.config.Settings;
import io.dirsync.http.HttpTarget;
import io.dirsync.http.PageRequests;

/** The requests of the Directory API routes, with the {@code google} target's transport. */
public class GoogleEndpoints extends PageRequests<GoogleSettings> {

    @Override
    protected GoogleSettings settingsFrom(Settings settings) {
        return GoogleSettings.from(settings);
    }

    @Override
    protected HttpTarget http(GoogleSettings google) {
        return google.http();
    }
}
