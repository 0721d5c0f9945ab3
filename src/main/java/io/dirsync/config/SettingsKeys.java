package io.dirsync.config;

import io.dirsync.ConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The keys of one part of dirsync (a source, the Bitwarden client, the sync), declared beside the settings class that
 * reads them and listed in {@code META-INF/services/io.dirsync.config.SettingsKeys}. Together they are the one
 * registry of keys: the configuration check, {@code dirsync config}, the fingerprint and the literal-secret warning
 * derive from it. Sources that share a key ({@code sync.user-filter}) each declare it, with the same flags and a check
 * of their own ({@link Key#readBy}).
 */
public interface SettingsKeys {

    /** The namespaces dirsync owns: a key in one of them that no part declares is a mistake. */
    Set<String> NAMESPACES = Set.of("directory.", "state.", "ldap.", "sync.", "bitwarden.", "cluster.", "entra.",
            "google.", "okta.", "onelogin.");

    List<Key> keys();

    /** Every key dirsync knows, by name, sorted. */
    static Map<String, Key> all() {
        return Registry.ALL;
    }

    static Optional<Key> find(String name) {
        return Optional.ofNullable(all().get(name));
    }

    /** Whether {@code name} is in one of dirsync's namespaces (camel.* and others belong to someone else). */
    static boolean isOurs(String name) {
        return NAMESPACES.stream().anyMatch(name::startsWith);
    }

    /**
     * Fails with a one-line {@link ConfigurationException} when {@code name} is in dirsync's namespaces but no part
     * knows it, naming the nearest known key.
     *
     * @param where where the key was written, for the message (a file, or "the command line")
     */
    static void requireKnown(String name, String where) {
        if (!isOurs(name) || all().containsKey(name)) {
            return;
        }
        String nearest = all().keySet().stream()
                .min(Comparator.comparingInt((String known) -> EditDistance.between(name, known))
                        .thenComparing(Comparator.naturalOrder()))
                .orElseThrow();
        throw new ConfigurationException("Unknown setting " + name + " in " + where + ": did you mean " + nearest
                + "? (config/application.properties documents every key)");
    }

    /** The registry, loaded once. */
    final class Registry {
        static final Map<String, Key> ALL = load();

        private Registry() {
        }

        private static Map<String, Key> load() {
            List<Key> keys = new ArrayList<>();
            ServiceLoader.load(SettingsKeys.class, SettingsKeys.class.getClassLoader()).forEach(p -> keys.addAll(p.keys()));
            keys.sort(Comparator.comparing(Key::name));
            Map<String, Key> byName = new LinkedHashMap<>();
            for (Key key : keys) {
                byName.merge(key.name(), key, Key::and);
            }
            return Collections.unmodifiableMap(byName);
        }
    }
}
