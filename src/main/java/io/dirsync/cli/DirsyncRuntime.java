package io.dirsync.cli;

import io.dirsync.ConfigurationException;
import io.dirsync.DirsyncException;
import io.dirsync.config.BundledRoutes;
import io.dirsync.config.DirectoryType;
import io.dirsync.config.Key;
import io.dirsync.config.Settings;
import io.dirsync.config.SettingsKeys;
import io.dirsync.observe.ManagementServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.main.Main;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel side of a CLI command: a camel-main application with dirsync's routes (bundled, or an edited
 * copy from {@code --routes DIR}) and the instance's properties, started for one command and stopped after.
 */
final class DirsyncRuntime implements AutoCloseable {

    /**
     * The routes a command needs. A one-shot command loads a source's route file ({@code read-<type>.camel.yaml})
     * only for the configured type, once Camel has resolved {@code directory.type}: building the routes of four
     * unused sources cost a third of a second at every start. 'dirsync run' loads them all before its schedule can
     * fire, and pays that once. Other files of an operator's {@code --routes} folder always load.
     */
    enum Flow {
        /** The read and test routes: enough to read the directory and to resolve the settings. */
        READ(true, "sync.camel.yaml", "push-bitwarden.camel.yaml", "schedule.camel.yaml"),
        /** Read, diff and push: 'dirsync sync', 'dirsync demo'. */
        SYNC(true, "schedule.camel.yaml"),
        /** And the schedule: 'dirsync run'. */
        SCHEDULED(false);

        private final List<String> skipped;
        private final boolean configuredSourceOnly;

        Flow(boolean configuredSourceOnly, String... skipped) {
            this.configuredSourceOnly = configuredSourceOnly;
            this.skipped = configuredSourceOnly
                    ? Stream.concat(Stream.of(skipped), Arrays.stream(DirectoryType.values()).map(DirectoryType::routeFile)).toList()
                    : List.of(skipped);
        }

        boolean loads(String file) {
            return !skipped.contains(file);
        }

        /** camel-main's exclude pattern for an operator's folder, or null. */
        String excludePattern() {
            return skipped.isEmpty() ? null : skipped.stream().map(file -> "**/" + file).collect(Collectors.joining(","));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DirsyncRuntime.class);

    private final Main main;

    private DirsyncRuntime(Main main) {
        this.main = main;
    }

    /**
     * @param properties the instance's properties file, or null when the command brings all its settings
     * @param routesDir  an operator's routes folder, or null for the bundled routes
     * @param overrides  settings that win over the file (the demo's, tests')
     */
    static DirsyncRuntime start(Flow flow, Path properties, Path routesDir, Map<String, String> overrides) {
        if (flow == Flow.SCHEDULED) {
            throw new IllegalArgumentException("a scheduled runtime needs its cluster service: use startScheduled");
        }
        return start(flow, properties, routesDir, overrides, null);
    }

    /** With the schedule route ('dirsync run') and the cluster service its leader is elected with. */
    static DirsyncRuntime startScheduled(Path properties, Path routesDir, Map<String, String> overrides,
            CamelClusterService clusterService) {
        return start(Flow.SCHEDULED, properties, routesDir, overrides,
                Objects.requireNonNull(clusterService, "clusterService"));
    }

    private static DirsyncRuntime start(Flow flow, Path properties, Path routesDir, Map<String, String> overrides,
            CamelClusterService clusterService) {
        Main main = new Main();
        // camel-main logs "<app name> <Camel's version> is starting": the name says whose version that is
        main.setAppName("dirsync on Apache Camel");
        // the camelContext label of Camel's meters
        main.configure().setName("dirsync");
        main.configure().setRoutesIncludePattern(routesPattern(flow, routesDir));
        if (routesDir != null) {
            main.configure().setRoutesExcludePattern(flow.excludePattern());
        }
        if (properties != null) {
            checkKeys(properties, readable(properties));
            main.setPropertyPlaceholderLocations("file:" + properties.toAbsolutePath());
        }
        nameEnvironmentOverrides();
        overrides.forEach(main::addOverrideProperty);
        if (clusterService != null) {
            main.bind("clusterService", clusterService);
        } else {
            ManagementServer.off().forEach(main::addOverrideProperty);
        }
        try {
            main.start();
        } catch (Exception e) {
            throw Failures.loading(e, main.getCamelContext());
        }
        DirsyncRuntime runtime = new DirsyncRuntime(main);
        try {
            Settings settings = Settings.of(runtime.context());
            if (flow.configuredSourceOnly) {
                runtime.loadSourceRoute(DirectoryType.configured(settings), routesDir);
            }
            DirectoryType.readable(settings, runtime.context());
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    /** The configured source's route file, where there is one; without it, {@code readable} names what is missing. */
    private void loadSourceRoute(DirectoryType type, Path routesDir) {
        String location = routesDir == null
                ? BundledRoutes.LOCATION + type.routeFile()
                : "file:" + routesDir.toAbsolutePath().normalize().resolve(type.routeFile());
        Resource resource = ResourceHelper.resolveResource(context(), location);
        if (resource == null || !resource.exists()) {
            return;
        }
        try {
            PluginHelper.getRoutesLoader(context()).loadRoutes(resource);
        } catch (Exception e) {
            throw Failures.loading(e, context());
        }
    }

    /** A file Camel cannot parse would surface as a stack of Camel exceptions: name the file instead. */
    static Properties readable(Path properties) {
        Properties values = new Properties();
        try (var reader = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
            values.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("Cannot read " + properties + ": " + e.getMessage()
                    + " Fix the file, or write it again with 'dirsync config'.");
        }
        return values;
    }

    /** A misspelt key would otherwise be ignored in silence, and its setting left at the default. */
    private static void checkKeys(Path file, Properties values) {
        values.stringPropertyNames().stream().sorted().forEach(key -> SettingsKeys.requireKnown(key, file.toString()));
    }

    /**
     * Names, with {@code -v}, the settings an environment variable overrides (Camel's LDAP_URL for ldap.url): an
     * unrelated variable of that name would silently redirect a sync.
     */
    private static void nameEnvironmentOverrides() {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        for (Key key : SettingsKeys.all().values()) {
            if (System.getenv(key.environmentVariable()) != null) {
                LOG.debug("{} is set by the environment variable {}, which wins over the file", key.name(),
                        key.environmentVariable());
            }
        }
    }

    private static String routesPattern(Flow flow, Path routesDir) {
        if (routesDir == null) {
            return BundledRoutes.files().stream()
                    .filter(flow::loads)
                    .map(file -> BundledRoutes.LOCATION + file)
                    .collect(Collectors.joining(","));
        }
        if (!Files.isDirectory(routesDir)) {
            throw new ConfigurationException("Invalid option --routes " + routesDir + ": no such folder.");
        }
        return "file:" + routesDir.toAbsolutePath().normalize() + "/*.yaml";
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    /** Sends an empty message to an endpoint and returns the reply body, or throws the route's failure. */
    <T> T request(String endpoint, Class<T> type) {
        return request(endpoint, type, Map.of());
    }

    /** The same, with exchange properties for the route (a command's flags). */
    <T> T request(String endpoint, Class<T> type, Map<String, Object> properties) {
        Exchange reply = send(endpoint, properties);
        if (reply.getException() != null) {
            throw Failures.unwrap(reply.getException());
        }
        return reply.getMessage().getBody(type);
    }

    /** Sends an empty message with these exchange properties; the exchange comes back, failed or not. */
    Exchange send(String endpoint, Map<String, Object> properties) {
        return context().createProducerTemplate().request(endpoint, exchange -> properties.forEach(exchange::setProperty));
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw Failures.unwrap(e);
        }
    }

    /** Peels Camel's wrappers off a failure so the operator sees the cause, not the plumbing. */
    static final class Failures {
        private Failures() {
        }

        /** A route that cannot load for a setting's reference ({@code {{env:…}}} unset) names the key behind it. */
        static RuntimeException loading(Exception failure, CamelContext context) {
            return Settings.keyBehind(failure, context).<RuntimeException>map(named -> named)
                    .orElseGet(() -> unwrap(failure));
        }

        static RuntimeException unwrap(Throwable failure) {
            var dirsync = DirsyncException.within(failure);
            if (dirsync.isPresent()) {
                return dirsync.get();
            }
            if (failure instanceof CamelExecutionException && failure.getCause() instanceof RuntimeException cause) {
                return cause;
            }
            return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }
}
