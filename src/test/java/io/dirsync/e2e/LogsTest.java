package io.dirsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.testing.CommandLineRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What dirsync logs on stderr, as an admin's log collector sees it: in its own JVM, as operators run it. */
class LogsTest {

    private static final String BASE = "dc=logs,dc=example";

    @TempDir
    Path temp;

    private MemoryDirectory directory;
    private E2e.Instance instance;

    @BeforeEach
    void start() throws Exception {
        directory = new MemoryDirectory(BASE, true);
        Company company = new Company(BASE);
        directory.add(company.entries());
        instance = new E2e.Instance(temp).with(directory.settings()).with(company.searchSettings(BASE));
        instance.write();
    }

    @AfterEach
    void stop() {
        directory.close();
    }

    @Test
    void linesStartWithAnIso8601TimestampWithTheDate() throws Exception {
        CommandLineRun run = CommandLineRun.inChildJvm(Map.of(), "test", "--config", temp.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr().lines().filter(line -> line.contains(" Read ")).toList()).singleElement().asString()
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) INFO  Read 5 users and 5 groups .*");
    }

    @Test
    void jsonLogsAreOneObjectPerLine() throws Exception {
        CommandLineRun run = CommandLineRun.inChildJvm(Map.of("DIRSYNC_LOG_FORMAT", "json"), "test", "--config", temp.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> lines = run.stderr().lines().toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode event = E2e.JSON.readTree(line);
            assertThat(event.get("level").asText()).isNotEmpty();
            assertThat(event.get("timestamp").asLong()).isPositive();
        }
        assertThat(lines).anySatisfy(line -> assertThat(E2e.JSON.readTree(line).get("formattedMessage").asText())
                .startsWith("Read 5 users and 5 groups"));
        assertThat(E2e.JSON.readTree(run.stdout()).get("object").asText()).as("stdout stays the result").isEqualTo("test");
    }

    @Test
    void verboseNamesDirsyncsVersionAndAFailureShowsItsCausesNotCamelsFrames() throws Exception {
        directory.close();

        CommandLineRun run = CommandLineRun.inChildJvm(Map.of(), "test", "-v", "--config", temp.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).containsPattern("INFO  dirsync \\S+ \\(Apache Camel 4\\.\\d+\\.\\d+, Java ")
                .doesNotContain("dirsync 4.18").doesNotContain("\tat ").doesNotContain("Message History");
        assertThat(run.stderr().lines().filter(line -> line.contains("(Apache Camel 4.")))
                .as("the version, once").hasSize(1);
        List<String> failure = run.stderr().lines().dropWhile(line -> !line.startsWith("dirsync: ")).toList();
        assertThat(failure.get(0)).contains("ldap.url");
        assertThat(failure.subList(1, failure.size())).isNotEmpty().allMatch(line -> line.startsWith("  caused by "));
        assertThat(failure).as("the failure and its causes").hasSizeLessThan(6);
    }
}
