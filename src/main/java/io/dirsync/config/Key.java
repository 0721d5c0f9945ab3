package io.dirsync.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One setting dirsync reads, as its settings class declares it ({@link SettingsKeys}). Its default is where the
 * settings class reads it, and config/application.properties documents it (a test keeps the two equal).
 *
 * @param name        the key, e.g. {@code sync.user-filter}
 * @param fingerprint part of the {@link SettingsFingerprint}: a change of it means another selection of the
 *                    directory, so the next run is full
 * @param secret      never printed; {@code application.properties} should refer to it ({@code {{env:NAME}}})
 * @param check       validates a value on its own ({@code dirsync config} checks what it writes); reads the key from
 *                    the settings it is given and throws a {@link io.dirsync.ConfigurationException} naming it
 */
public record Key(String name, boolean fingerprint, boolean secret, Consumer<Settings> check) {

    private static final Consumer<Settings> ANY_VALUE = settings -> { };

    public Key {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
    }

    public static Key of(String name) {
        return new Key(name, false, false, ANY_VALUE);
    }

    /** A key that selects what is read or how it maps: in the {@link SettingsFingerprint}. */
    public Key selecting() {
        return new Key(name, true, secret, check);
    }

    public Key asSecret() {
        return new Key(name, fingerprint, true, check);
    }

    public Key checkedBy(Consumer<Settings> validation) {
        return new Key(name, fingerprint, secret, validation);
    }

    /**
     * Checked only while {@code directory.type} is {@code source}: a key several sources read in their own way
     * ({@code sync.user-filter} is an LDAP filter for LDAP, bwdc's grammar for the cloud) is declared by each, with
     * its own check.
     */
    public Key readBy(DirectoryType source) {
        Consumer<Settings> sourceCheck = check;
        return checkedBy(settings -> {
            if (DirectoryType.configured(settings) == source) {
                sourceCheck.accept(settings);
            }
        });
    }

    /** The same key declared by another part too: both checks apply; both must agree on the rest. */
    Key and(Key other) {
        if (!name.equals(other.name) || fingerprint != other.fingerprint || secret != other.secret) {
            throw new IllegalStateException("Setting " + name + " is declared twice, differently");
        }
        Consumer<Settings> first = check;
        return checkedBy(settings -> {
            first.accept(settings);
            other.check.accept(settings);
        });
    }

    public Key bool() {
        return checkedBy(settings -> settings.bool(name, false));
    }

    public Key duration() {
        return checkedBy(settings -> settings.duration(name, Duration.ZERO));
    }

    /** The environment variable that overrides it, as in every Camel application: {@code LDAP_URL} for ldap.url. */
    public String environmentVariable() {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
