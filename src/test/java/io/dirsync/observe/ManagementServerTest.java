package io.dirsync.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagementServerTest {

    @Test
    void offUnlessAPortIsSet() {
        assertThat(ManagementServer.from(Settings.of(Map.of("camel.management.host", "0.0.0.0")))).isEmpty();
    }

    @Test
    void aPortTurnsOnHealthAndMetricsOnThisMachineOnly() {
        Settings settings = Settings.of(Map.of("camel.management.port", "9876"));
        ManagementServer server = ManagementServer.from(settings).orElseThrow();

        assertThat(server).isEqualTo(new ManagementServer("127.0.0.1", 9876));
        assertThat(server.camelProperties(settings)).containsEntry("camel.management.enabled", "true")
                .containsEntry("camel.management.host", "127.0.0.1").containsEntry("camel.management.port", "9876")
                .containsEntry("camel.management.healthCheckEnabled", "true")
                .containsEntry("camel.management.metricsEnabled", "true").containsEntry("camel.metrics.enabled", "true")
                .containsEntry("camel.metrics.binders", ManagementServer.JVM_BINDERS);
    }

    @Test
    void theOperatorsOwnCamelTuningWins() {
        Settings settings = Settings.of(Map.of("camel.management.port", "9876", "camel.metrics.binders", "jvm-gc"));

        assertThat(ManagementServer.from(settings).orElseThrow().camelProperties(settings))
                .doesNotContainKey("camel.metrics.binders");
    }

    @Test
    void aPortOutOfRangeNamesTheKey() {
        assertThatThrownBy(() -> ManagementServer.from(Settings.of(Map.of("camel.management.port", "99999"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid setting camel.management.port=99999: expected a whole number from 1 to 65535.");
    }

    @Test
    void aPortInUseNamesTheKey() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ManagementServer server = new ManagementServer("127.0.0.1", taken.getLocalPort());

            assertThatThrownBy(server::requireFree).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Invalid setting camel.management.port=" + taken.getLocalPort() + ": 127.0.0.1:"
                            + taken.getLocalPort() + " is in use");
        }
    }

    @Test
    void anUnknownHostNamesTheKey() {
        assertThatThrownBy(() -> new ManagementServer("no-such-host.invalid", 9876).requireFree())
                .hasMessageStartingWith("Invalid setting camel.management.host=no-such-host.invalid: unknown host.");
    }

    @Test
    void aFreePortPasses() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        new ManagementServer("127.0.0.1", port).requireFree();
    }
}
