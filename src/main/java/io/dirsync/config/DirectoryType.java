package io.dirsync.config;

import io.dirsync.ConfigurationException;
import java.util.List;
import java.util.Locale;

/** The directories dirsync reads ({@code directory.type}); each has a route {@code direct:read-<name>}. */
public enum DirectoryType {
    LDAP(true), ENTRA(false), GOOGLE(false), OKTA(false), ONELOGIN(false);

    private final boolean available;

    DirectoryType(boolean available) {
        this.available = available;
    }

    /** The configured type, refused with a one-line message when this build cannot read it yet. */
    public static DirectoryType configured(Settings settings) {
        DirectoryType type = settings.choice("directory.type", LDAP);
        if (!type.available) {
            throw new ConfigurationException("Invalid setting directory.type=" + type.name().toLowerCase(Locale.ROOT)
                    + ": this build reads LDAP and Active Directory only (directory.type=ldap).");
        }
        return type;
    }

    public static final class Keys implements SettingsKeys {
        @Override
        public List<Key> keys() {
            return List.of(Key.of("directory.type").selecting().checkedBy(settings -> settings.choice("directory.type", LDAP)));
        }
    }
}
