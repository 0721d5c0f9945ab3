package io.dirsync.cli;

import io.dirsync.observe.ManagementServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one-shot commands' runtime ('sync', 'test') serves nothing, whatever the instance's Camel keys say. */
class ManagementOffTest {

    @Test
    void aOneShotRuntimeLeavesTheManagementPortAlone() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Map<String, String> asAnOperatorWroteIt = Map.of(ManagementServer.PORT, Integer.toString(port),
                "camel.management.enabled", "true", "camel.management.healthCheckEnabled", "true",
                "camel.metrics.enabled", "true", "dirsync.instance-dir", "/tmp");

        try (DirsyncRuntime runtime = DirsyncRuntime.start(DirsyncRuntime.Flow.SYNC, null, null, asAnOperatorWroteIt)) {
            new ManagementServer("127.0.0.1", port).requireFree();
        }
    }
}
