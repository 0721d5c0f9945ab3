package io.dirsync.config;

import java.util.List;

/**
 * The keys of the cloud directories bwdc reads, as DESIGN.md names them: documented, written by
 * {@code dirsync import-bwdc}, and known to the configuration check, before their sources exist. When a source lands,
 * its own settings class declares its keys and they leave this list.
 */
public final class CloudSourceKeys implements SettingsKeys {

    @Override
    public List<Key> keys() {
        return List.of(
                Key.of("google.domain").selecting(),
                Key.of("google.customer").selecting(),
                Key.of("google.admin-user").selecting(),
                Key.of("google.client-email"),
                Key.of("google.private-key").asSecret(),
                Key.of("google.key-file"),
                Key.of("google.token-url"),
                Key.of("google.api-url").selecting());
    }
}
