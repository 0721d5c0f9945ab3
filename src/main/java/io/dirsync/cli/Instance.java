package io.dirsync.cli;

import io.dirsync.ConfigurationException;
import io.dirsync.config.LiteralSecrets;
import io.dirsync.config.StateFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dirsync instance: a folder holding {@code application.properties} and, unless {@code state.dir} says
 * otherwise, the applied state and its lock. Several instances on one host each get their own folder.
 */
record Instance(Path dir) {

    static final String PROPERTIES = "application.properties";
    private static final Logger LOG = LoggerFactory.getLogger(Instance.class);

    /** {@code --config DIR}, else {@code $DIRSYNC_HOME}, else {@code ~/.config/dirsync}. */
    static Instance resolve(Path configOption) {
        if (configOption != null) {
            return new Instance(configOption.toAbsolutePath().normalize());
        }
        String home = System.getenv("DIRSYNC_HOME");
        if (home != null && !home.isBlank()) {
            return new Instance(Path.of(home).toAbsolutePath().normalize());
        }
        return new Instance(Path.of(System.getProperty("user.home"), ".config", "dirsync"));
    }

    /** What the routes need to know of the instance: its folder is the default state folder. */
    Map<String, String> settings() {
        return Map.of(StateFolder.INSTANCE_DIR, dir.toString());
    }

    Path propertiesFile() {
        return dir.resolve(PROPERTIES);
    }

    Path requirePropertiesFile() {
        Path file = propertiesFile();
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("No configuration at " + file + ": create it with 'dirsync config <key> <value>'"
                    + " or copy config/application.properties there, or pass --config DIR.");
        }
        return file;
    }

    /** {@link #requirePropertiesFile()}, warning when it holds a secret in clear that others may read: once per command. */
    Path checkedPropertiesFile() {
        Path file = requirePropertiesFile();
        try {
            LiteralSecrets.warning(file).ifPresent(LOG::warn);
        } catch (IOException | IllegalArgumentException e) {
            // a file that cannot be parsed is named by the runtime's own check, as one line
            LOG.debug("Cannot check the permissions of {}: {}", file, e.toString());
        }
        return file;
    }
}
