package io.dirsync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.cli.DirsyncCommand;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One in-process run of the dirsync command line, with what it printed on stdout and stderr. */
public record CommandLineRun(int exitCode, String stdout, String stderr) {

    public static synchronized CommandLineRun of(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = DirsyncCommand.execute(args);
            return new CommandLineRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    /**
     * {@code dirsync test} of the instance in {@code instanceDir}, its {@code application.properties} written from
     * {@code settings} (readable by its owner only, as dirsync requires of a file with secrets).
     */
    public static CommandLineRun test(Path instanceDir, Map<String, String> settings) throws IOException {
        List<String> lines = new ArrayList<>();
        settings.forEach((key, value) -> lines.add(key + "=" + value));
        Path file = instanceDir.resolve("application.properties");
        Files.write(file, lines);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return of("test", "--config", instanceDir.toString());
    }

    /** What a successful run printed, as JSON. */
    public JsonNode json() throws IOException {
        assertThat(exitCode).as(stderr).isZero();
        return new ObjectMapper().readTree(stdout);
    }

    /** What dirsync said on stderr: its lines that start with {@code dirsync:}, one a line. */
    public String dirsyncLines() {
        return stderr.lines().filter(line -> line.startsWith("dirsync:")).collect(Collectors.joining("\n"));
    }

    /**
     * The same in a JVM of its own, with these environment variables added to this one's: for what a process reads
     * from its environment ({@code {{env:NAME}}}), which one JVM cannot change for itself.
     */
    public static CommandLineRun inChildJvm(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", childClassPath(), DirsyncCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("dirsync-out-", ".txt");
        Path err = Files.createTempFile("dirsync-err-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("dirsync " + String.join(" ", args) + " did not finish within 2 minutes: "
                        + Files.readString(err));
            }
            return new CommandLineRun(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** This JVM's class path; surefire's ends with an empty entry, which would add the working directory. */
    public static String childClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
