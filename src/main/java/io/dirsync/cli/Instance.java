package io.dirsync.cli;

import io.dirsync.ConfigurationException;
import io.dirsync.config.StateFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One dirsync instance: a folder holding {@code application.properties} and, unless {@code state.dir} says
 * otherwise, the applied state and its lock. Several instances on one host each get their own folder.
 */
record Instance(Path dir) {

    static final String PROPERTIES = "application.properties";

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
}
