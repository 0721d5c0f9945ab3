package io.dirsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dirsync.bench.Results.Runs;
import io.dirsync.bench.Results.SizeResult;
import io.dirsync.bench.Results.Sync;
import io.dirsync.bench.SuiteOptions.Size;
import io.dirsync.testing.Slapd;
import io.dirsync.testing.SyntheticDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark suite, one command: {@code src/bench/benchmark.sh [--sizes …] [--runs N] [--heap SIZE]}. For each
 * size it generates a {@link SyntheticDirectory}, loads it into a throwaway slapd, and measures in the same run:
 * ldapsearch of the same entries and attributes; {@code dirsync test} with the default heap and with {@code -Xmx}
 * capped (wall, CPU, peak RSS); then, against the sandbox in a JVM of its own, a first {@code sync}, an unchanged
 * re-sync and a re-sync after {@link DirectoryChange the 1% change} (wall, CPU, peak RSS, imports and their bytes,
 * against the {@link MinimalImport minimal import}). It prints a block per size and a summary table, and writes
 * everything with the machine's facts to {@code target/bench/results-<date>.json}.
 *
 * <p>Exits 2 on a bad option, 1 when a dirsync run failed (the table and the JSON are written all the same).
 */
public final class BenchmarkSuite {

    private static final Pattern READ_LINE = Pattern.compile("Read (\\d+) users and (\\d+) groups from \\S+ in (\\d+) ms");
    private static final int PAGE_SIZE = 1000;

    private final SuiteOptions options;
    private final Path jar;

    private BenchmarkSuite(SuiteOptions options, Path jar) {
        this.options = options;
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(SuiteOptions.USAGE);
            return;
        }
        SuiteOptions options;
        try {
            options = SuiteOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Results.Machine machine = Results.Machine.here();
        System.out.printf("dirsync benchmark suite, %s: %d cores, %,d MB, %s; load %s%n", machine.date(),
                machine.cores(), machine.memoryMb(), machine.jvm(), machine.loadAverageAtStart());
        BenchmarkSuite suite = new BenchmarkSuite(options, Timed.builtJar());
        List<SizeResult> sizes = new ArrayList<>();
        for (Size size : options.sizes()) {
            sizes.add(suite.measure(size));
        }
        Results results = new Results(machine, options.runs(), options.cappedHeap(), sizes, Results.loadAverage());
        System.out.println();
        System.out.print(SuiteTable.summary(results));
        Path file = Path.of("target", "bench",
                "results-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), results);
        System.out.println("load at the end " + results.loadAverageAtEnd() + "; written to " + file);
        if (SuiteTable.failures(results) > 0) {
            System.err.println(SuiteTable.failures(results) + " dirsync run(s) failed: see the table");
            System.exit(1);
        }
    }

    private SizeResult measure(Size size) throws Exception {
        System.out.printf("%n== %s: %s, %d run(s)%n", size.name(), size.describe(), options.runs());
        Path work = Files.createTempDirectory("dirsync-bench-");
        try {
            Path ldif = work.resolve("directory.ldif");
            long started = System.nanoTime();
            SyntheticDirectory.write(ldif, size.users(), size.groups(), size.largeGroups(), size.largeGroupSize(), 42);
            double generate = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            try (Slapd slapd = Slapd.start(SyntheticDirectory.SUFFIX, ldif)) {
                double load = (System.nanoTime() - started) / 1e9;
                Files.delete(ldif);
                System.out.printf("generated in %.1f s, loaded into slapd in %.1f s%n", generate, load);
                return measure(size, slapd, work, generate, load);
            }
        } finally {
            Timed.deleteTree(work);
        }
    }

    private SizeResult measure(Size size, Slapd slapd, Path work, double generate, double load) throws Exception {
        Path instance = Files.createDirectories(work.resolve("instance"));
        writeSettings(instance, slapd, Map.of());
        Reads reads = reads(slapd, work, instance);
        Syncs syncs = reads.testJson() == null || options.readsOnly() ? Syncs.NONE : syncs(size, slapd, work, instance, reads.testJson());
        Sync changed = syncs.changed();
        return new SizeResult(size.name(), size.users(), size.groups(), size.largeGroups(), size.largeGroupSize(),
                generate, load, reads.ldapsearch(), reads.test(), reads.capped(), reads.readStep(),
                ratio(reads.test().wallSeconds(), reads.ldapsearch()), ratio(reads.capped().wallSeconds(),
                reads.ldapsearch()), syncs.first(), syncs.unchanged(), syncs.change(), changed, syncs.minimalBytes(),
                changed == null || changed.failure() != null ? null
                        : round((double) changed.importBytes() / syncs.minimalBytes()));
    }

    /** ldapsearch and {@code test} runs; the JSON of the last {@code test} that passed, null when none did. */
    private record Reads(Runs ldapsearch, Runs test, Runs capped, Double readStep, Path testJson) {
    }

    private Reads reads(Slapd slapd, Path work, Path instance) throws Exception {
        String[] test = Timed.dirsync(jar, "test", "--config", instance.toString());
        String[] testCapped = Timed.dirsync(jar, cappedJvm(), "test", "--config", instance.toString());
        List<Timed> ldapsearches = new ArrayList<>();
        List<Timed> tests = new ArrayList<>();
        List<Timed> cappedTests = new ArrayList<>();
        List<Double> readSteps = new ArrayList<>();
        Path testJson = null;
        for (int run = 0; run < options.runs(); run++) {
            ldapsearches.add(ldapsearch(slapd, work));
            Timed plain = Timed.attempt(work, test);
            tests.add(plain);
            if (plain.exitCode() == 0) {
                testJson = Files.move(plain.stdoutFile(), work.resolve("test.json"), StandardCopyOption.REPLACE_EXISTING);
                Matcher read = READ_LINE.matcher(plain.stderr());
                if (read.find()) {
                    readSteps.add(Integer.parseInt(read.group(3)) / 1000.0);
                }
            }
            cappedTests.add(Timed.attempt(work, testCapped));
        }
        Reads reads = new Reads(Runs.of(ldapsearches), Runs.of(tests), Runs.of(cappedTests),
                readSteps.isEmpty() ? null : Timed.median(readSteps), testJson);
        SuiteTable.printRead(options.cappedHeap(), reads.ldapsearch(), reads.test(), reads.capped(), reads.readStep());
        return reads;
    }

    /** The three syncs; after a failed first sync the others are not run. */
    private record Syncs(Sync first, Sync unchanged, String change, Sync changed, Long minimalBytes) {
        static final Syncs NONE = new Syncs(null, null, null, null, null);
    }

    private Syncs syncs(Size size, Slapd slapd, Path work, Path instance, Path testJson) throws Exception {
        MinimalImport.Directory before = MinimalImport.Directory.read(testJson);
        if (before.users().size() != size.users() || before.groups().size() != size.groups()) {
            throw new IllegalStateException(String.format("dirsync test printed %d users and %d groups, not the"
                    + " directory's %d and %d", before.users().size(), before.groups().size(), size.users(),
                    size.groups()));
        }
        try (SandboxProcess sandbox = SandboxProcess.start(work.resolve("sandbox.log"))) {
            Path syncInstance = Files.createDirectories(work.resolve("sync-instance"));
            writeSettings(syncInstance, slapd, sandbox.settings());
            String[] sync = Timed.dirsync(jar, cappedJvm(), "sync", "--config", syncInstance.toString());
            Sync first = sync(work, sync, sandbox);
            SuiteTable.printSync("first sync -Xmx" + options.cappedHeap(), first, null, null);
            if (first.failure() != null) {
                return new Syncs(first, null, null, null, null);
            }
            Sync unchanged = sync(work, sync, sandbox);
            SuiteTable.printSync("unchanged re-sync", unchanged, null, null);
            String change = DirectoryChange.apply(slapd, size.users(), size.groups()).toString();
            Timed after = Timed.run(work, Timed.dirsync(jar, "test", "--config", instance.toString()));
            long minimal = MinimalImport.bytes(before, after.stdoutFile());
            Sync changed = sync(work, sync, sandbox);
            SuiteTable.printSync("1% change", changed, minimal, change);
            return new Syncs(first, unchanged, change, changed, minimal);
        }
    }

    /** The capped heap; out of memory, the JVM stops at once and says so (dirsync would report a Camel error). */
    private List<String> cappedJvm() {
        return List.of("-Xmx" + options.cappedHeap(), "-XX:+ExitOnOutOfMemoryError");
    }

    private static Sync sync(Path work, String[] command, SandboxProcess sandbox) throws Exception {
        SandboxProcess.Traffic before = sandbox.traffic();
        Timed run = Timed.attempt(work, command);
        return Sync.of(run, sandbox.traffic().since(before));
    }

    /** The same entries and attributes as dirsync reads, with the same page size: users, then groups. */
    private static Timed ldapsearch(Slapd slapd, Path work) throws Exception {
        Timed people = search(slapd, work, "ou=people", "(objectClass=inetOrgPerson)", "mail", "uid");
        Timed groups = search(slapd, work, "ou=groups", "(objectClass=groupOfNames)", "cn", "member");
        return new Timed(round(people.seconds() + groups.seconds()), round(people.cpuSeconds() + groups.cpuSeconds()),
                Math.max(people.peakKb(), groups.peakKb()), 0, groups.stdoutFile(), "");
    }

    private static Timed search(Slapd slapd, Path work, String base, String filter, String... attributes)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("ldapsearch", "-x", "-LLL", "-H", slapd.ldapUrl(), "-D",
                slapd.bindDn(), "-w", slapd.password(), "-E", "pr=" + PAGE_SIZE + "/noprompt", "-b",
                base + "," + SyntheticDirectory.SUFFIX, filter));
        command.addAll(List.of(attributes));
        return Timed.run(work, command.toArray(new String[0]));
    }

    private static void writeSettings(Path instance, Slapd slapd, Map<String, String> more) throws Exception {
        List<String> lines = new ArrayList<>(List.of("ldap.url=" + slapd.ldapUrl(), "ldap.bind-dn=" + slapd.bindDn(),
                "ldap.password=" + slapd.password(), "ldap.root-path=" + SyntheticDirectory.SUFFIX,
                "sync.user-path=ou=people", "sync.group-path=ou=groups", "sync.user-object-class=inetOrgPerson",
                "sync.group-object-class=groupOfNames"));
        more.forEach((key, value) -> lines.add(key + "=" + value));
        Path file = instance.resolve("application.properties");
        Files.write(file, lines);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static double round(double ratio) {
        return Math.round(ratio * 1000) / 1000.0;
    }

    private static Double ratio(Double seconds, Runs ldapsearch) {
        return seconds == null || ldapsearch.wallSeconds() == null ? null : round(seconds / ldapsearch.wallSeconds());
    }
}
