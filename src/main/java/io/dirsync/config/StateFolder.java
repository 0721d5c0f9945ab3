package io.dirsync.config;

import io.dirsync.ConfigurationException;
import java.nio.file.Path;
import java.util.List;

/** Where an instance keeps what it last pushed, its lock and its device identifier. */
public final class StateFolder {

    public static final String STATE_DIR = "state.dir";
    /** Set by the command line to the instance folder (--config DIR): the default of state.dir. */
    public static final String INSTANCE_DIR = "dirsync.instance-dir";

    private StateFolder() {
    }

    public static Path of(Settings settings) {
        return Path.of(settings.optional(STATE_DIR).or(() -> settings.optional(INSTANCE_DIR)).orElseThrow(() ->
                new ConfigurationException("Missing setting " + STATE_DIR + ": the folder where dirsync keeps what it"
                        + " last pushed (the command line uses the instance folder).")));
    }

    public static final class Keys implements SettingsKeys {
        @Override
        public List<Key> keys() {
            return List.of(Key.of(STATE_DIR));
        }
    }
}
