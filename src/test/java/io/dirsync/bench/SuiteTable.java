package io.dirsync.bench;

import io.dirsync.bench.Results.Runs;
import io.dirsync.bench.Results.SizeResult;
import io.dirsync.bench.Results.Sync;
import java.util.stream.Stream;

/** The suite's printed output: a block per size as it is measured, and a summary table (Markdown) at the end. */
final class SuiteTable {

    private static final String HEADER = "| size | users / groups | ldapsearch | `test` (× ldapsearch) | `test` CPU"
            + " | `test` peak RSS | `test -Xmx%s` (× ldapsearch) | its peak RSS | first sync | unchanged re-sync"
            + " | 1%% change (× minimal bytes) |%n|---|---|---|---|---|---|---|---|---|---|---|%n";

    private SuiteTable() {
    }

    static void printRead(String cappedHeap, Runs ldapsearch, Runs test, Runs capped, Double readStep) {
        System.out.printf("%-22s %9s %9s %9s%n", "", "wall", "CPU", "peak RSS");
        System.out.println(line("ldapsearch", ldapsearch, null));
        System.out.println(line("dirsync test", test, ldapsearch)
                + (readStep == null ? "" : String.format("   (its read step %.2f s)", readStep)));
        System.out.println(line("dirsync test -Xmx" + cappedHeap, capped, ldapsearch));
    }

    static void printSync(String what, Sync sync, Long minimalBytes, String change) {
        if (sync.failure() != null) {
            System.out.printf("%-22s FAILED after %.2f s: %s%n", what, sync.wallSeconds(), sync.failure());
            return;
        }
        String traffic = String.format("imports %d, %,d bytes; other requests %d", sync.imports(), sync.importBytes(),
                sync.otherRequests());
        if (minimalBytes != null) {
            traffic += String.format("; %.2f× the minimal %,d bytes (%s)", (double) sync.importBytes() / minimalBytes,
                    minimalBytes, change);
        }
        System.out.printf("%-22s %7.2f s %7.2f s %6d MB   %s%n", what, sync.wallSeconds(), sync.cpuSeconds(),
                sync.peakRssMb(), traffic);
    }

    private static String line(String what, Runs runs, Runs ldapsearch) {
        if (runs.wallSeconds() == null) {
            return String.format("%-22s FAILED: %s", what, runs.failure());
        }
        String text = String.format("%-22s %7.2f s %7.2f s %6d MB", what, runs.wallSeconds(), runs.cpuSeconds(),
                runs.peakRssMb());
        if (ldapsearch != null && ldapsearch.wallSeconds() != null) {
            text += String.format("   %.2f× ldapsearch", runs.wallSeconds() / ldapsearch.wallSeconds());
        }
        return runs.failure() == null ? text : text + "   (a run FAILED: " + runs.failure() + ")";
    }

    /** One row per size; times are medians of the runs. */
    static String summary(Results results) {
        StringBuilder table = new StringBuilder(String.format("Medians of %d run(s); load %s at the start, %s at the"
                + " end; %d cores, %,d MB%n%n", results.runs(), results.machine().loadAverageAtStart(),
                results.loadAverageAtEnd(), results.machine().cores(), results.machine().memoryMb()));
        table.append(String.format(HEADER, results.cappedHeap()));
        for (SizeResult size : results.sizes()) {
            table.append(String.format("| %s | %,d / %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", size.size(),
                    size.users(), size.groups(), seconds(size.ldapsearch().wallSeconds()),
                    timesLdapsearch(size.test(), size.testToLdapsearch()), seconds(size.test().cpuSeconds()),
                    megabytes(size.test().peakRssMb()), timesLdapsearch(size.testCapped(), size.testCappedToLdapsearch()),
                    megabytes(size.testCapped().peakRssMb()), sync(size.firstSync(), true),
                    sync(size.unchangedSync(), false), changed(size)));
        }
        return table.toString();
    }

    static long failures(Results results) {
        return results.sizes().stream()
                .flatMap(size -> Stream.of(size.test().failure(), size.testCapped().failure(),
                        size.firstSync() == null ? null : size.firstSync().failure(),
                        size.unchangedSync() == null ? null : size.unchangedSync().failure(),
                        size.changedSync() == null ? null : size.changedSync().failure()))
                .filter(failure -> failure != null)
                .count();
    }

    private static String timesLdapsearch(Runs runs, Double ratio) {
        if (runs.wallSeconds() == null) {
            return "failed: " + runs.failure();
        }
        return seconds(runs.wallSeconds()) + (ratio == null ? "" : String.format(" (%.1f×)", ratio));
    }

    private static String sync(Sync sync, boolean bytes) {
        if (sync == null) {
            return "–";
        }
        if (sync.failure() != null) {
            return "failed: " + sync.failure();
        }
        return seconds(sync.wallSeconds()) + ", " + sync.imports() + " req"
                + (bytes ? String.format(", %.1f MB", sync.importBytes() / 1e6) : "");
    }

    private static String changed(SizeResult size) {
        if (size.changedSync() == null || size.changedSync().failure() != null) {
            return sync(size.changedSync(), true);
        }
        return sync(size.changedSync(), true)
                + (size.changedToMinimal() == null ? "" : String.format(" (%.2f×)", size.changedToMinimal()));
    }

    private static String seconds(Double seconds) {
        return seconds == null ? "–" : String.format("%.2f s", seconds);
    }

    private static String megabytes(Long megabytes) {
        return megabytes == null ? "–" : megabytes + " MB";
    }
}
