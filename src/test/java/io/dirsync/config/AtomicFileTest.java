package io.dirsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path folder;

    @Test
    void streamedContentReplacesTheFileEvenWhenItClosesTheStream() throws IOException {
        Path file = folder.resolve("state.json");
        Files.writeString(file, "old");

        AtomicFile.write(file, out -> {
            for (int i = 0; i < 100_000; i++) {
                out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.close();
        });

        assertThat(Files.readAllLines(file)).hasSize(100_000).startsWith("line 0").endsWith("line 99999");
        assertThat(filesIn(folder)).containsExactly(file);
    }

    @Test
    void contentThatFailsHalfWayLeavesThePreviousFileAndNoTemporaryOne() throws IOException {
        Path file = folder.resolve("state.json");
        Files.writeString(file, "old");

        assertThatThrownBy(() -> AtomicFile.write(file, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(filesIn(folder)).containsExactly(file);
    }

    private static Path[] filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toArray(Path[]::new);
        }
    }
}
