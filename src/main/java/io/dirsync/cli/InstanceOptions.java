package io.dirsync.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The options every command takes: which instance, which routes, how much to log. */
final class InstanceOptions {

    @Option(names = "--config", paramLabel = "DIR",
            description = "Instance folder holding application.properties and the sync state "
                    + "(default: $DIRSYNC_HOME, else ~/.config/dirsync).")
    Path configDir;

    @Option(names = "--routes", paramLabel = "DIR",
            description = "Load the routes from this folder (an edited copy of routes/) instead of the bundled ones.")
    Path routesDir;

    @Option(names = {"-v", "--verbose"}, description = "Log details (searches, Camel) to stderr.")
    void verbose(boolean on) {
        verbose = on;
        if (on) {
            ((Logger) LoggerFactory.getLogger("io.dirsync")).setLevel(Level.DEBUG);
            ((Logger) LoggerFactory.getLogger("org.apache.camel")).setLevel(Level.INFO);
        }
    }

    boolean verbose;

    Instance instance() {
        return Instance.resolve(configDir);
    }

    /** Camel with the instance's properties and these routes: what every command that reads settings starts. */
    DirsyncRuntime startRuntime() {
        Instance instance = instance();
        return DirsyncRuntime.start(instance.checkedPropertiesFile(), routesDir, instance.settings());
    }
}
