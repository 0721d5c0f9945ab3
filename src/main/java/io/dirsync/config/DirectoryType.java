package io.dirsync.config;

import io.dirsync.ConfigurationException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * The directories dirsync knows ({@code directory.type}), bwdc's five. A type is readable where a route consumes
 * {@code direct:read-<name>} (the reader contract, {@link io.dirsync.model.DirectoryRead}): what reads a directory is
 * its route, so a new source is available by being there, and an operator's {@code --routes} folder decides for
 * itself.
 */
public enum DirectoryType {
    LDAP, ENTRA, GOOGLE, OKTA, ONELOGIN;

    public static final String KEY = "directory.type";

    /** The configured type, as written; whether anything reads it is {@link #readable}'s question. */
    public static DirectoryType configured(Settings settings) {
        return settings.choice(KEY, LDAP);
    }

    /** The configured type, refused with a one-line message when no route of {@code context} reads it. */
    public static DirectoryType readable(Settings settings, CamelContext context) {
        DirectoryType type = configured(settings);
        Set<String> read = context.getRoutes().stream().map(Route::getEndpoint)
                .map(endpoint -> endpoint.getEndpointBaseUri().replaceFirst("^direct:(//)?", "direct:"))
                .collect(Collectors.toSet());
        if (!read.contains(type.route())) {
            throw new ConfigurationException("Invalid setting " + KEY + "=" + type.id() + ": no route reads it ("
                    + type.route() + "); add " + type.routeFile() + " to the routes folder.");
        }
        return type;
    }

    /** Whether this build's bundled routes read it. */
    public boolean bundled() {
        return BundledRoutes.files().contains(routeFile());
    }

    /** As written in {@code directory.type}: {@code entra}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The bundled file of that route, named by convention: {@code read-entra.camel.yaml}. */
    public String routeFile() {
        return "read-" + id() + ".camel.yaml";
    }

    /** The route that reads it. */
    public String route() {
        return "direct:read-" + id();
    }

    public static final class Keys implements SettingsKeys {
        @Override
        public List<Key> keys() {
            return List.of(Key.of(KEY).selecting().checkedBy(DirectoryType::configured));
        }
    }
}
