package io.dirsync.config;

import java.util.Objects;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * A route step whose behaviour follows dirsync's settings. Declared in a route it reads them from the Camel
 * context at each call, so a run always uses the properties as they are; built with fixed settings it is
 * a plain object for unit tests.
 *
 * @param <S> the typed settings the step needs
 */
public abstract class ConfiguredStep<S> implements CamelContextAware {

    private final S fixedSettings;
    private CamelContext camelContext;

    /** For a route: settings come from the Camel context. */
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
        return settingsFrom(Settings.of(camelContext));
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
