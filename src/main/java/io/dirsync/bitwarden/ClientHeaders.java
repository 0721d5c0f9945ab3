package io.dirsync.bitwarden;

import org.apache.camel.Exchange;

/** The headers that name the client on every request, as bwdc sends its own. */
final class ClientHeaders {

    private ClientHeaders() {
    }

    static void apply(Exchange exchange) {
        String version = ClientHeaders.class.getPackage().getImplementationVersion();
        String name = "dirsync/" + (version == null ? "dev" : version);
        exchange.getMessage().setHeader("User-Agent", name);
        exchange.getMessage().setHeader("Bitwarden-Client-Name", "dirsync");
        exchange.getMessage().setHeader("Bitwarden-Client-Version", version == null ? "dev" : version);
    }
}
