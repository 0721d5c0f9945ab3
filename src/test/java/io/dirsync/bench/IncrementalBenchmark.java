package io.dirsync.bench;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.dirsync.sandbox.RecordedRequest;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.SambaAd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ldap.incremental} on a 10,000-user Active Directory (Samba 4, {@link SambaAd}): loads the users and some
 * groups into a scratch OU over one LDAP connection (minutes: Samba adds a few dozen entries a second), then times
 * {@code dirsync sync} in its own JVM, as an operator runs it: the first sync (full read, everyone invited); unchanged
 * runs reading fully ({@code ldap.incremental=false}) and incrementally; incremental runs after one change each; and
 * {@code sync --full}. Reports wall time (JVM start included), the read step from dirsync's log, and the requests.
 * A one-off, not part of the build: {@code src/bench/incremental-benchmark.sh [users=10000] [groups=50] [runs=3]}
 * (needs what {@link SambaAd} needs: root, Samba, free ports 389/636).
 */
public final class IncrementalBenchmark {

    private static final Pattern READ_LINE = Pattern.compile("Read (\\d+) users and (\\d+) groups from \\S+ in (\\d+) ms");
    private static final String OU = "dirsync-bench";

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int groups = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path jar = Timed.builtJar();
        Path work = Files.createTempDirectory("dirsync-bench");
        System.out.printf("machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(), load());
        SambaAd samba = SambaAd.shared();
        String ou = samba.scratchOu(OU);
        try (LDAPConnection ldap = samba.connect();
             TestSandbox bitwarden = TestSandbox.builder().cloud(true).start()) {
            long started = System.nanoTime();
            load(ldap, ou, users, groups);
            System.out.printf("loaded %d users and %d groups (+1 with everyone) into Samba in %.0f s; load average %s%n",
                    users, groups, (System.nanoTime() - started) / 1e9, load());

            Path instance = work.resolve("instance");
            Files.createDirectories(instance);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("ldap.url", samba.ldapUrl());
            settings.put("ldap.bind-dn", samba.bindDn());
            settings.put("ldap.password", samba.password());
            settings.put("ldap.root-path", SambaAd.BASE_DN);
            settings.put("ldap.active-directory", "true");
            settings.put("ldap.incremental", "true");
            settings.put("sync.user-path", "OU=" + OU);
            settings.put("sync.group-path", "OU=" + OU);
            settings.put("sync.user-filter", "(mail=*)");
            settings.put("bitwarden.url", bitwarden.baseUrl());
            settings.put("bitwarden.client-id", bitwarden.clientId());
            settings.put("bitwarden.client-secret", bitwarden.clientSecret());
            String[] sync = Timed.dirsync(jar, "sync", "--config", instance.toString());
            String[] fullSync = Timed.dirsync(jar, "sync", "--full", "--config", instance.toString());

            write(instance, settings);
            report("first sync (full read)", Timed.run(work, sync), bitwarden);
            settings.put("ldap.incremental", "false");
            write(instance, settings);
            for (int run = 0; run < runs; run++) {
                report("unchanged, full read", Timed.run(work, sync), bitwarden);
            }
            settings.put("ldap.incremental", "true");
            write(instance, settings);
            for (int run = 0; run < runs; run++) {
                report("unchanged, incremental", Timed.run(work, sync), bitwarden);
            }
            String newcomer = "CN=newcomer," + ou;
            ldap.add("dn: " + newcomer, "objectClass: user", "sAMAccountName: bench-newcomer",
                    "mail: newcomer@example.test", "userAccountControl: 544");
            report("1 user added, incremental", Timed.run(work, sync), bitwarden);
            ldap.modify(groupDn(ou, 0), new Modification(ModificationType.ADD, "member", newcomer));
            report("1 member added, incremental", Timed.run(work, sync), bitwarden);
            ldap.modify(userDn(ou, 1), new Modification(ModificationType.REPLACE, "userAccountControl", "546"));
            report("1 user disabled, incremental", Timed.run(work, sync), bitwarden);
            ldap.delete(userDn(ou, 2));
            report("1 user deleted, incremental", Timed.run(work, sync), bitwarden);
            report("sync --full (full read, all re-sent)", Timed.run(work, fullSync), bitwarden);
            System.out.printf("organization: %d members, %d groups; cache %,d bytes; load average %s%n",
                    bitwarden.members().size(), bitwarden.groups().size(),
                    Files.size(instance.resolve("cache").resolve("directory-cache.json")), load());
        } finally {
            Timed.deleteTree(work);
            samba.close(); // a throwaway copy of the template: the OU goes with it
        }
    }

    private static String userDn(String ou, int index) {
        return String.format("CN=user%05d,%s", index, ou);
    }

    private static String groupDn(String ou, int index) {
        return String.format("CN=team%03d,%s", index, ou);
    }

    /** Users {@code user00000…}, each in team {@code i % groups}; a group {@code everyone} with them all (ranges). */
    private static void load(LDAPConnection ldap, String ou, int users, int groups) throws Exception {
        List<List<String>> members = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            members.add(new ArrayList<>());
        }
        List<String> everyone = new ArrayList<>(users);
        long started = System.nanoTime();
        for (int i = 0; i < users; i++) {
            String dn = userDn(ou, i);
            String name = String.format("user%05d", i);
            ldap.add("dn: " + dn, "objectClass: user", "sAMAccountName: bench-" + name, "mail: " + name + "@example.test",
                    "givenName: User", "sn: " + i, "userAccountControl: 544");
            members.get(i % groups).add(dn);
            everyone.add(dn);
            if ((i + 1) % 1000 == 0) {
                System.out.printf("  %d users in %.0f s%n", i + 1, (System.nanoTime() - started) / 1e9);
            }
        }
        for (int g = 0; g < groups; g++) {
            addGroup(ldap, groupDn(ou, g), String.format("bench-team%03d", g), members.get(g));
        }
        addGroup(ldap, "CN=everyone," + ou, "bench-everyone", everyone);
    }

    private static void addGroup(LDAPConnection ldap, String dn, String account, List<String> members) throws Exception {
        List<String> lines = new ArrayList<>(List.of("dn: " + dn, "objectClass: group", "sAMAccountName: " + account));
        members.forEach(member -> lines.add("member: " + member));
        ldap.add(lines.toArray(new String[0]));
    }

    private static int seen;

    private static void report(String what, Timed run, TestSandbox bitwarden) {
        List<RecordedRequest> all = bitwarden.requests();
        List<RecordedRequest> requests = all.subList(Math.min(seen, all.size()), all.size());
        seen = all.size();
        long bytes = requests.stream().mapToLong(r -> r.body().getBytes(StandardCharsets.UTF_8).length).sum();
        Matcher read = READ_LINE.matcher(run.stderr());
        String readMs = read.find() ? read.group(3) + " ms" : "?";
        String kind = run.stderr().contains("Incremental read:") ? "incremental" : "full";
        System.out.printf("%-38s %6.2f s  read step %7s (%s)  %2d requests %,10d bytes  | %s%n", what, run.seconds(),
                readMs, kind, requests.size(), bytes, run.stdout().strip());
    }

    private static void write(Path instance, Map<String, String> settings) throws Exception {
        StringBuilder text = new StringBuilder();
        settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(instance.resolve("application.properties"), text);
    }

    private static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "?";
        }
    }
}
