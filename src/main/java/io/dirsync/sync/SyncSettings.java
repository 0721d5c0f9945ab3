package io.dirsync.sync;

import io.dirsync.config.Settings;

/** Which kinds of object a run syncs ({@code sync.users}, {@code sync.groups}). */
public record SyncSettings(boolean users, boolean groups) {

    public static SyncSettings from(Settings settings) {
        return new SyncSettings(settings.bool("sync.users", true), settings.bool("sync.groups", true));
    }
}
