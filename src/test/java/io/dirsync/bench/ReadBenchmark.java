package io.dirsync.bench;

import io.dirsync.testing.Slapd;
import io.dirsync.testing.SyntheticDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dirsync test} against a large slapd directory, beside {@code ldapsearch} reading the same entries
 * and attributes with the same page size, in the same run. Reports wall time and peak RSS (GNU time).
 * Run it with {@code src/bench/read-benchmark.sh [users] [groups] [runs]}; {@code -Dbench.java-options="…"} passes
 * options to dirsync's JVM (e.g. a profiler).
 */
public final class ReadBenchmark {

    private static final Pattern READ_LINE = Pattern.compile("Read (\\d+) users and (\\d+) groups from \\S+ in (\\d+) ms");

    record Measure(double seconds, long peakKb) {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int groups = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path jar = Path.of("target/dirsync.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build first: mvn -q -DskipTests package");
        }
        Path work = Files.createTempDirectory("dirsync-bench");
        Path ldif = work.resolve("directory.ldif");
        long started = System.nanoTime();
        SyntheticDirectory.write(ldif, users, groups, 42);
        System.out.printf("generated %d users / %d groups in %.1f s (%d MB of LDIF)%n", users, groups,
                (System.nanoTime() - started) / 1e9, Files.size(ldif) >> 20);
        try (Slapd slapd = Slapd.start(SyntheticDirectory.SUFFIX, ldif)) {
            Path instance = work.resolve("instance");
            Files.createDirectories(instance);
            Files.writeString(instance.resolve("application.properties"), String.join("\n",
                    "ldap.url=" + slapd.ldapUrl(), "ldap.bind-dn=" + slapd.bindDn(), "ldap.password=" + slapd.password(),
                    "ldap.root-path=" + SyntheticDirectory.SUFFIX, "sync.user-path=ou=people", "sync.group-path=ou=groups",
                    "sync.user-object-class=inetOrgPerson", "sync.group-object-class=groupOfNames", ""));
            List<Measure> ldapsearch = new ArrayList<>();
            List<Measure> whole = new ArrayList<>();
            List<Double> readStep = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                Measure people = timed(work, "ldapsearch", "-x", "-LLL", "-H", slapd.ldapUrl(), "-D", slapd.bindDn(),
                        "-w", slapd.password(), "-E", "pr=1000/noprompt", "-b", "ou=people," + SyntheticDirectory.SUFFIX,
                        "(objectClass=inetOrgPerson)", "mail", "uid");
                Measure teams = timed(work, "ldapsearch", "-x", "-LLL", "-H", slapd.ldapUrl(), "-D", slapd.bindDn(),
                        "-w", slapd.password(), "-E", "pr=1000/noprompt", "-b", "ou=groups," + SyntheticDirectory.SUFFIX,
                        "(objectClass=groupOfNames)", "cn", "member");
                ldapsearch.add(new Measure(people.seconds + teams.seconds, Math.max(people.peakKb, teams.peakKb)));
                List<String> dirsync = new ArrayList<>(List.of("java"));
                dirsync.addAll(Arrays.asList(System.getProperty("bench.java-options", "").split("\\s+")));
                dirsync.removeIf(String::isEmpty);
                dirsync.addAll(List.of("-jar", jar.toString(), "test", "--config", instance.toString()));
                whole.add(timed(work, dirsync.toArray(new String[0])));
                Matcher matcher = READ_LINE.matcher(Files.readString(work.resolve("stderr.txt")));
                if (!matcher.find()) {
                    throw new IllegalStateException("no read line in dirsync's log: " + Files.readString(work.resolve("stderr.txt")));
                }
                readStep.add(Integer.parseInt(matcher.group(3)) / 1000.0);
                System.out.printf("run %d: ldapsearch %.2f s, dirsync read step %.2f s, dirsync test %.2f s (%s users, %s groups)%n",
                        run + 1, ldapsearch.get(run).seconds, readStep.get(run), whole.get(run).seconds,
                        matcher.group(1), matcher.group(2));
            }
            System.out.printf("%nmedian of %d runs, %d users / %d groups, page size 1000, %d cores%n", runs, users, groups,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("  ldapsearch (users + groups)  %6.2f s   peak RSS %5d MB%n", median(ldapsearch.stream().map(Measure::seconds).toList()),
                    ldapsearch.stream().mapToLong(Measure::peakKb).max().orElse(0) >> 10);
            System.out.printf("  dirsync read step            %6.2f s%n", median(readStep));
            System.out.printf("  dirsync test (JVM included)  %6.2f s   peak RSS %5d MB%n", median(whole.stream().map(Measure::seconds).toList()),
                    whole.stream().mapToLong(Measure::peakKb).max().orElse(0) >> 10);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Measure timed(Path work, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "-o", work.resolve("time.txt").toString()));
        line.addAll(Arrays.asList(command));
        Process process = new ProcessBuilder(line)
                .redirectOutput(work.resolve("stdout.txt").toFile())
                .redirectError(work.resolve("stderr.txt").toFile())
                .start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command[0] + " failed: " + Files.readString(work.resolve("stderr.txt")));
        }
        String[] time = Files.readString(work.resolve("time.txt")).trim().split("\\s+");
        return new Measure(Double.parseDouble(time[time.length - 2]), Long.parseLong(time[time.length - 1]));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
