package io.dirsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.config.BundledRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BundledRoutesTest {

    @Test
    void theJarLoadsEveryRouteFileOfTheRoutesFolder() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            assertThat(BundledRoutes.files())
                    .containsExactlyInAnyOrderElementsOf(files.map(f -> f.getFileName().toString()).toList())
                    .contains("read-ldap.camel.yaml", "sync.camel.yaml");
        }
    }
}
