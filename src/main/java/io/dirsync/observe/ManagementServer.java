package io.dirsync.observe;

import io.dirsync.ConfigurationException;
import io.dirsync.Messages;
import io.dirsync.config.Settings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code dirsync run} serves Camel's management endpoints ({@code /observe/health}, {@code /observe/metrics}),
 * with Camel's own keys: off unless {@code camel.management.port} is set, and then bound to
 * {@code camel.management.host}, this machine only by default (Camel's own default is every interface). Two
 * {@code run} processes of one instance may share a host, so no port is taken unasked.
 */
public record ManagementServer(String host, int port) {

    public static final String PORT = "camel.management.port";
    public static final String HOST = "camel.management.host";
    static final String DEFAULT_HOST = "127.0.0.1";
    /** The JVM's meters served next to Camel's and dirsync's, unless camel.metrics.binders names others. */
    static final String JVM_BINDERS = "jvm-memory,jvm-gc,jvm-thread,class-loader,processor,uptime,file-descriptor";

    public static Optional<ManagementServer> from(Settings settings) {
        if (settings.optional(PORT).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ManagementServer(settings.string(HOST, DEFAULT_HOST), settings.integer(PORT, 0, 1, 65535)));
    }

    /**
     * Camel's keys that serve health and metrics here. Those an operator may tune ({@code camel.metrics.binders},
     * the exposure level…) are defaults: a value in {@code settings} wins.
     */
    public Map<String, String> camelProperties(Settings settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camel.management.enabled", "true");
        properties.put(HOST, host);
        properties.put(PORT, Integer.toString(port));
        properties.put("camel.management.healthCheckEnabled", "true");
        properties.put("camel.management.metricsEnabled", "true");
        properties.put("camel.metrics.enabled", "true");
        Map.of("camel.metrics.binders", JVM_BINDERS, "camel.health.exposureLevel", "default")
                .forEach((key, value) -> {
                    if (settings.optional(key).isEmpty()) {
                        properties.put(key, value);
                    }
                });
        return properties;
    }

    /** For every command but {@code run}, and {@code run} without a port: no server, and nothing measured for one. */
    public static Map<String, String> off() {
        return Map.of("camel.management.enabled", "false", "camel.metrics.enabled", "false",
                "camel.health.enabled", "false");
    }

    /**
     * Fails, naming the key, when nothing can listen there. Camel would only log the failure and run on without its
     * endpoints, which an operator learns from a probe failing much later.
     */
    public void requireFree() {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new ConfigurationException("Invalid setting " + HOST + "=" + host + ": unknown host. Set an address of"
                    + " this machine (default " + DEFAULT_HOST + "; 0.0.0.0 for every interface).");
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(address);
        } catch (BindException e) {
            throw new ConfigurationException("Invalid setting " + PORT + "=" + port + ": " + host + ":" + port
                    + " is in use or not an address of this machine (" + Messages.oneLine(e.getMessage())
                    + "). Choose a free port, or remove " + PORT + " to serve no endpoints.");
        } catch (IOException e) {
            throw new ConfigurationException("Invalid setting " + PORT + "=" + port + ": cannot listen on " + host + ":"
                    + port + " (" + Messages.describe(e) + ").");
        }
    }

    public String address() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
