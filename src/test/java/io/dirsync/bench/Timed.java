package io.dirsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One command run under GNU time: wall seconds and peak RSS, its stdout and stderr kept in files. */
record Timed(double seconds, long peakKb, String stdout, String stderr) {

    static Timed run(Path work, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "-o", work.resolve("time.txt").toString()));
        line.addAll(Arrays.asList(command));
        Process process = new ProcessBuilder(line)
                .redirectOutput(work.resolve("stdout.txt").toFile())
                .redirectError(work.resolve("stderr.txt").toFile())
                .start();
        int exit = process.waitFor();
        String stderr = Files.readString(work.resolve("stderr.txt"));
        if (exit != 0) {
            throw new IllegalStateException(command[0] + " failed (exit " + exit + "): " + stderr);
        }
        String[] time = Files.readString(work.resolve("time.txt")).trim().split("\\s+");
        return new Timed(Double.parseDouble(time[time.length - 2]), Long.parseLong(time[time.length - 1]),
                Files.readString(work.resolve("stdout.txt")), stderr);
    }

    /** {@code java [bench.java-options] -jar target/dirsync.jar ARGS}. */
    static String[] dirsync(Path jar, String... args) {
        List<String> line = new ArrayList<>(List.of("java"));
        Arrays.stream(System.getProperty("bench.java-options", "").split("\\s+")).filter(o -> !o.isEmpty()).forEach(line::add);
        line.addAll(List.of("-jar", jar.toString()));
        line.addAll(Arrays.asList(args));
        return line.toArray(new String[0]);
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
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
