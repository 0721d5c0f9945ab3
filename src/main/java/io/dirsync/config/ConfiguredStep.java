package io.dirsync.config;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * A route step whose behaviour follows dirsync's settings. Declared in a route, it shows there the keys it reads, as
 * a kamelet shows its parameters:
 *
 * <pre>
 * properties:
 *   settings[sync.max-deletions]: "{{?sync.max-deletions}}"
 *   secrets: bitwarden.client-secret
 * </pre>
 *
 * A value the route declares wins over the Camel context's; a key it declares but leaves unset ({@code {{?key}}}
 * resolves to nothing) is read from the context, at each call, and keeps the settings class's default. Secrets are
 * named only: they are read from the context at each call, so a rotated {@code {{file:…}}} secret is read again and
 * no secret's value is ever bound to a bean. Built with fixed settings, a step is a plain object for unit tests.
 *
 * @param <S> the typed settings the step needs
 */
public abstract class ConfiguredStep<S> implements CamelContextAware {

    private final S fixedSettings;
    private final Map<String, String> declared = new LinkedHashMap<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    private final Set<String> read = ConcurrentHashMap.newKeySet();
    private CamelContext camelContext;

    /** For a route: settings come from what the route declares, over the Camel context. */
    protected ConfiguredStep() {
        this.fixedSettings = null;
    }

    /** For a test: these settings, whatever the properties say. */
    protected ConfiguredStep(S settings) {
        this.fixedSettings = Objects.requireNonNull(settings, "settings");
    }

    /** Reads this step's settings from the properties. */
    protected abstract S settingsFrom(Settings settings);

    protected final S settings() {
        if (fixedSettings != null) {
            return fixedSettings;
        }
        if (camelContext == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " needs a CamelContext or fixed settings");
        }
        return settingsFrom(Settings.of(camelContext).under(declared, read::add));
    }

    /**
     * The values the route declares, by key ({@code settings[key]} in the bean's properties). Camel's binding hands
     * a key over camel-cased ({@code sync.maxDeletions}): it is put back as dirsync writes it.
     */
    public Map<String, String> getSettings() {
        return new DeclaredSettings();
    }

    public void setSettings(Map<String, String> settings) {
        settings.forEach((key, value) -> declared.put(kebabCase(key), value));
    }

    /** The secrets the step reads, by name only (comma-separated): their values come from the context. */
    public void setSecrets(String names) {
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                secrets.add(name.strip());
            }
        }
    }

    public Set<String> getSecrets() {
        return Collections.unmodifiableSet(secrets);
    }

    /** Every key this step has read from the route's or the context's settings since it was made. */
    public Set<String> keysRead() {
        return Set.copyOf(read);
    }

    static String kebabCase(String key) {
        StringBuilder kebab = new StringBuilder(key.length() + 4);
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c)) {
                kebab.append('-').append(Character.toLowerCase(c));
            } else {
                kebab.append(c);
            }
        }
        return kebab.toString();
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /** What Camel's binding puts {@code settings[key]} into. */
    private final class DeclaredSettings extends AbstractMap<String, String> {
        @Override
        public String put(String key, String value) {
            return declared.put(kebabCase(key), value);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return Collections.unmodifiableMap(declared).entrySet();
        }
    }
}
