package io.dirsync.entra;

import io.dirsync.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code entra.identity-authority}: the national cloud of the tenant, which picks both the login host and the Graph
 * host, so that every call of a run goes to the same cloud (bwdc sends Graph calls to the global host whatever the
 * authority). Written as bwdc writes it (the login host) or by name.
 */
public enum Authority {
    GLOBAL("global", "login.microsoftonline.com", "graph.microsoft.com"),
    US_GOVERNMENT("us-government", "login.microsoftonline.us", "graph.microsoft.us"),
    CHINA("china", "login.chinacloudapi.cn", "microsoftgraph.chinacloudapi.cn");

    static final String KEY = "entra.identity-authority";

    private final String id;
    private final String loginHost;
    private final String graphHost;

    Authority(String id, String loginHost, String graphHost) {
        this.id = id;
        this.loginHost = loginHost;
        this.graphHost = graphHost;
    }

    static Authority of(String value) {
        String written = value.strip().toLowerCase(Locale.ROOT).replaceFirst("^https://", "").replaceAll("/+$", "");
        return Arrays.stream(values()).filter(a -> a.id.equals(written) || a.loginHost.equals(written)).findFirst()
                .orElseThrow(() -> new ConfigurationException("Invalid setting " + KEY + "=" + value.strip()
                        + ": expected login.microsoftonline.com (global, the default), login.microsoftonline.us"
                        + " (us-government) or login.chinacloudapi.cn (china)."));
    }

    String loginUrl() {
        return "https://" + loginHost;
    }

    String graphUrl() {
        return "https://" + graphHost;
    }
}
