package io.dirsync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One command run under GNU time: wall and CPU (user + system) seconds, peak RSS, exit code; its stdout in
 * {@code stdout.txt} of the work folder (the next run overwrites it), its stderr kept.
 */
record Timed(double seconds, double cpuSeconds, long peakKb, int exitCode, Path stdoutFile, String stderr) {

    /** Runs a command that must succeed: a non-zero exit is an IllegalStateException with its stderr. */
    static Timed run(Path work, String... command) throws IOException, InterruptedException {
        Timed timed = attempt(work, command);
        if (timed.exitCode() != 0) {
            throw new IllegalStateException(command[0] + " failed (exit " + timed.exitCode() + "): " + timed.stderr());
        }
        return timed;
    }

    /** Runs a command that may fail (e.g. out of memory): the caller looks at {@link #exitCode()}. */
    static Timed attempt(Path work, String... command) throws IOException, InterruptedException {
        Path times = work.resolve("time.txt");
        List<String> line = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", times.toString()));
        line.addAll(Arrays.asList(command));
        Path stdout = work.resolve("stdout.txt");
        Process process = new ProcessBuilder(line)
                .redirectOutput(stdout.toFile())
                .redirectError(work.resolve("stderr.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        int exit = process.waitFor();
        String stderr = Files.readString(work.resolve("stderr.txt"));
        // GNU time starts its file with "Command exited with non-zero status N" when the command failed
        List<String> lines = Files.readAllLines(times);
        String[] time = lines.get(lines.size() - 1).trim().split("\\s+");
        double cpu = Double.parseDouble(time[1]) + Double.parseDouble(time[2]);
        return new Timed(Double.parseDouble(time[0]), Math.round(cpu * 100) / 100.0,
                Long.parseLong(time[3]), exit, stdout, stderr);
    }

    String stdout() {
        try {
            return Files.readString(stdoutFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long peakMb() {
        return peakKb >> 10;
    }

    /** Why it failed in one line: an OutOfMemoryError, else the first line naming an error or exception, else the last. */
    String failure() {
        List<String> lines = stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String named = lines.stream().filter(l -> l.contains("OutOfMemoryError")).findFirst()
                .or(() -> lines.stream().filter(l -> l.contains("Error") || l.contains("Exception")).findFirst())
                .orElse(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        return "exit " + exitCode + (named.isEmpty() ? "" : ": " + named);
    }

    /**
     * {@code java [options] [bench.java-options] -jar target/dirsync.jar ARGS}, with this JVM's {@code java}, so the
     * JSON names the JVM that ran dirsync. {@code -Dbench.java-options="…"} passes options (e.g. a profiler).
     */
    static String[] dirsync(Path jar, List<String> javaOptions, String... args) {
        List<String> line = new ArrayList<>(List.of(java()));
        line.addAll(javaOptions);
        Arrays.stream(System.getProperty("bench.java-options", "").split("\\s+")).filter(o -> !o.isEmpty()).forEach(line::add);
        line.addAll(List.of("-jar", jar.toString()));
        line.addAll(Arrays.asList(args));
        return line.toArray(new String[0]);
    }

    static String[] dirsync(Path jar, String... args) {
        return dirsync(jar, List.of(), args);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    static Path builtJar() {
        Path jar = Path.of("target/dirsync.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build first: mvn -q -DskipTests package");
        }
        return jar;
    }

    static void deleteTree(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
