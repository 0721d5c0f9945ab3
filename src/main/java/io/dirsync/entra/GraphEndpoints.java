package io.dirsync.entra;

import io.dirsync.config.Settings;
import io.dirsync.http.HttpTarget;
import io.dirsync.http.PageRequests;

/** The requests of the Graph routes, with the {@code entra} target's transport. */
public class GraphEndpoints extends PageRequests<EntraSettings> {

    @Override
    protected EntraSettings settingsFrom(Settings settings) {
        return EntraSettings.from(settings);
    }

    @Override
    protected HttpTarget http(EntraSettings entra) {
        return entra.http();
    }
}
