package io.dirsync.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command takes: which instance, which routes, how much to log. They go before the command's
 * name or after it ({@code dirsync --config DIR sync} or {@code dirsync sync --config DIR}); after it wins.
 */
final class InstanceOptions {

    /** The command these options were given to; its parent's, when it has one, were given before its name. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

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
            // the command reports a failure once, with its causes: not again as Camel's message history and frames
            ((Logger) LoggerFactory.getLogger("org.apache.camel.processor.errorhandler")).setLevel(Level.OFF);
        }
    }

    boolean verbose;

    Instance instance() {
        return Instance.resolve(configDir != null ? configDir : global().map(o -> o.configDir).orElse(null));
    }

    Path routesDir() {
        return routesDir != null ? routesDir : global().map(o -> o.routesDir).orElse(null);
    }

    /** Camel with the instance's properties and the routes of this flow: what every command that reads settings starts. */
    DirsyncRuntime startRuntime(DirsyncRuntime.Flow flow) {
        Instance instance = instance();
        return DirsyncRuntime.start(flow, instance.checkedPropertiesFile(), routesDir(), instance.settings());
    }

    /** The options given before the command's name. */
    private Optional<InstanceOptions> global() {
        CommandSpec parent = command == null ? null : command.parent();
        return parent != null && parent.userObject() instanceof DirsyncCommand top
                ? Optional.ofNullable(top.options) : Optional.empty();
    }
}
