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

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int groups = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path jar = Timed.builtJar();
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
            List<Timed> ldapsearch = new ArrayList<>();
            List<Timed> whole = new ArrayList<>();
            List<Double> readStep = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                Timed people = Timed.run(work, "ldapsearch", "-x", "-LLL", "-H", slapd.ldapUrl(), "-D", slapd.bindDn(),
                        "-w", slapd.password(), "-E", "pr=1000/noprompt", "-b", "ou=people," + SyntheticDirectory.SUFFIX,
                        "(objectClass=inetOrgPerson)", "mail", "uid");
                Timed teams = Timed.run(work, "ldapsearch", "-x", "-LLL", "-H", slapd.ldapUrl(), "-D", slapd.bindDn(),
                        "-w", slapd.password(), "-E", "pr=1000/noprompt", "-b", "ou=groups," + SyntheticDirectory.SUFFIX,
                        "(objectClass=groupOfNames)", "cn", "member");
                ldapsearch.add(new Timed(people.seconds() + teams.seconds(), Math.max(people.peakKb(), teams.peakKb()), "", ""));
                Timed test = Timed.run(work, Timed.dirsync(jar, "test", "--config", instance.toString()));
                whole.add(test);
                Matcher matcher = READ_LINE.matcher(test.stderr());
                if (!matcher.find()) {
                    throw new IllegalStateException("no read line in dirsync's log: " + test.stderr());
                }
                readStep.add(Integer.parseInt(matcher.group(3)) / 1000.0);
                System.out.printf("run %d: ldapsearch %.2f s, dirsync read step %.2f s, dirsync test %.2f s (%s users, %s groups)%n",
                        run + 1, ldapsearch.get(run).seconds(), readStep.get(run), whole.get(run).seconds(),
                        matcher.group(1), matcher.group(2));
            }
            System.out.printf("%nmedian of %d runs, %d users / %d groups, page size 1000, %d cores%n", runs, users, groups,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("  ldapsearch (users + groups)  %6.2f s   peak RSS %5d MB%n", Timed.median(ldapsearch.stream().map(Timed::seconds).toList()),
                    ldapsearch.stream().mapToLong(Timed::peakKb).max().orElse(0) >> 10);
            System.out.printf("  dirsync read step            %6.2f s%n", Timed.median(readStep));
            System.out.printf("  dirsync test (JVM included)  %6.2f s   peak RSS %5d MB%n", Timed.median(whole.stream().map(Timed::seconds).toList()),
                    whole.stream().mapToLong(Timed::peakKb).max().orElse(0) >> 10);
        } finally {
            Timed.deleteTree(work);
        }
    }
}
