package io.dirsync.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the suite writes as JSON: the machine, the settings, and each size's figures. */
record Results(Machine machine, int runs, String cappedHeap, List<SizeResult> sizes, String loadAverageAtEnd) {

    /** The machine's facts, taken when the suite starts. */
    record Machine(String date, int cores, long memoryMb, String cpu, String os, String jvm, String loadAverageAtStart,
                   String commit) {

        static Machine here() {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new Machine(Instant.now().toString(), Runtime.getRuntime().availableProcessors(),
                    os.getTotalMemorySize() >> 20, cpuModel(),
                    osRelease() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                            + System.getProperty("os.arch") + ")",
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                    loadAverage(), gitCommit());
        }
    }

    /**
     * One size. Times are medians over the runs, in seconds; peak RSS the largest; the ratios are {@code test}'s
     * median over ldapsearch's, and the changed sync's bytes over the minimal import's. A figure that could not be
     * measured (its run failed) is null, and the failure says why.
     */
    record SizeResult(String size, int users, int groups, int largeGroups, int largeGroupSize, double generateSeconds,
                      double loadSeconds, Runs ldapsearch, Runs test, Runs testCapped, Double readStepSeconds,
                      Double testToLdapsearch, Double testCappedToLdapsearch, Sync firstSync, Sync unchangedSync,
                      String change, Sync changedSync, Long minimalBytes, Double changedToMinimal) {
    }

    /** Medians of several runs of one command; {@code failure} names the first failed run. */
    record Runs(int runs, Double wallSeconds, Double cpuSeconds, Long peakRssMb, String failure) {

        static Runs of(List<Timed> timed) {
            List<Timed> passed = timed.stream().filter(t -> t.exitCode() == 0).toList();
            String failure = timed.stream().filter(t -> t.exitCode() != 0).map(Timed::failure).findFirst().orElse(null);
            if (passed.isEmpty()) {
                return new Runs(timed.size(), null, null, null, failure);
            }
            return new Runs(timed.size(), Timed.median(passed.stream().map(Timed::seconds).toList()),
                    Timed.median(passed.stream().map(Timed::cpuSeconds).toList()),
                    passed.stream().mapToLong(Timed::peakMb).max().orElseThrow(), failure);
        }
    }

    /** One sync: its time, and what the sandbox received meanwhile; the organization's size after it. */
    record Sync(double wallSeconds, double cpuSeconds, long peakRssMb, int imports, long importBytes,
                int otherRequests, int members, int groups, String failure) {

        static Sync of(Timed run, SandboxProcess.Traffic traffic) {
            return new Sync(run.seconds(), run.cpuSeconds(), run.peakMb(), traffic.imports(), traffic.importBytes(),
                    traffic.otherRequests(), traffic.members(), traffic.groups(),
                    run.exitCode() == 0 ? null : run.failure());
        }
    }

    /** {@code /proc/loadavg}'s three figures, or the JVM's one-minute load where there is none. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String osRelease() {
        try (var lines = Files.lines(Path.of("/etc/os-release"))) {
            return lines.filter(l -> l.startsWith("PRETTY_NAME=")).map(l -> l.substring(12).replace("\"", ""))
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** The checked-out commit, with "+changes" when the work tree differs from it; null outside git. */
    private static String gitCommit() {
        try {
            Process head = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String commit = new String(head.getInputStream().readAllBytes()).strip();
            Process status = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                    .redirectErrorStream(true).start();
            String changes = new String(status.getInputStream().readAllBytes()).strip();
            if (!head.waitFor(10, TimeUnit.SECONDS) || head.exitValue() != 0 || !status.waitFor(10, TimeUnit.SECONDS)) {
                return null;
            }
            return changes.isEmpty() ? commit : commit + "+changes";
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
