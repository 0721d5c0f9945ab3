package io.dirsync.bench;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.dirsync.sandbox.RecordedRequest;
import io.dirsync.sandbox.TestSandbox;
import io.dirsync.testing.Slapd;
import io.dirsync.testing.SyntheticDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * {@code dirsync sync} of a large slapd directory into the Bitwarden sandbox: the first sync, an unchanged
 * re-sync, and a sync after 1% of the people were replaced (leavers out of their groups, newcomers into
 * random groups). Reports wall time, requests and request bytes of each.
 * Run it with {@code src/bench/sync-benchmark.sh [users] [groups]}.
 */
public final class SyncBenchmark {

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int groups = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        Path jar = Timed.builtJar();
        Path work = Files.createTempDirectory("dirsync-bench");
        Path ldif = work.resolve("directory.ldif");
        SyntheticDirectory.write(ldif, users, groups, 42);
        try (Slapd slapd = Slapd.start(SyntheticDirectory.SUFFIX, ldif);
             TestSandbox bitwarden = TestSandbox.builder().cloud(true).start()) {
            Path instance = work.resolve("instance");
            Files.createDirectories(instance);
            Files.writeString(instance.resolve("application.properties"), String.join("\n",
                    "ldap.url=" + slapd.ldapUrl(), "ldap.bind-dn=" + slapd.bindDn(), "ldap.password=" + slapd.password(),
                    "ldap.root-path=" + SyntheticDirectory.SUFFIX, "sync.user-path=ou=people", "sync.group-path=ou=groups",
                    "sync.user-object-class=inetOrgPerson", "sync.group-object-class=groupOfNames",
                    "bitwarden.url=" + bitwarden.baseUrl(), "bitwarden.client-id=" + bitwarden.clientId(),
                    "bitwarden.client-secret=" + bitwarden.clientSecret(), ""));
            String[] sync = Timed.dirsync(jar, "sync", "--config", instance.toString());

            report("first sync", Timed.run(work, sync), bitwarden, 0);
            int before = bitwarden.requests().size();
            report("unchanged re-sync", Timed.run(work, sync), bitwarden, before);
            int replaced = replacePeople(slapd, users, groups, users / 100);
            before = bitwarden.requests().size();
            report(replaced + " people replaced (1%)", Timed.run(work, sync), bitwarden, before);
            System.out.printf("organization: %d members, %d groups; %d users / %d groups in the directory, %d cores%n",
                    bitwarden.members().size(), bitwarden.groups().size(), users, groups,
                    Runtime.getRuntime().availableProcessors());
        } finally {
            Timed.deleteTree(work);
        }
    }

    private static void report(String what, Timed run, TestSandbox bitwarden, int requestsBefore) {
        List<RecordedRequest> requests = bitwarden.requests().subList(requestsBefore, bitwarden.requests().size());
        long bytes = requests.stream().mapToLong(r -> r.body().getBytes(StandardCharsets.UTF_8).length).sum();
        System.out.printf("%-28s %6.2f s  %3d requests  %,12d bytes  peak RSS %4d MB  | %s%n", what, run.seconds(),
                requests.size(), bytes, run.peakKb() >> 10, run.stdout().strip());
    }

    /** Deletes {@code count} users (and their group memberships) and adds as many new ones to random groups. */
    private static int replacePeople(Slapd slapd, int users, int groups, int count) throws Exception {
        Random random = new Random(7);
        try (LDAPConnection ldap = new LDAPConnection(slapd.host(), slapd.ldapPort(), slapd.bindDn(), slapd.password())) {
            for (int i = 0; i < count; i++) {
                String leaver = SyntheticDirectory.userDn(i * (users / count));
                for (SearchResultEntry group : ldap.search("ou=groups," + SyntheticDirectory.SUFFIX, SearchScope.ONE,
                        "(member=" + leaver + ")", "1.1").getSearchEntries()) {
                    ldap.modify(group.getDN(), new Modification(ModificationType.DELETE, "member", leaver));
                }
                ldap.delete(leaver);
                String uid = String.format("newcomer%06d", i);
                String dn = "uid=" + uid + ",ou=people," + SyntheticDirectory.SUFFIX;
                ldap.add("dn: " + dn, "objectClass: inetOrgPerson", "uid: " + uid, "cn: Newcomer " + i, "sn: " + i,
                        "mail: " + uid + "@example.com");
                ldap.modify(SyntheticDirectory.groupDn(random.nextInt(groups)), new Modification(ModificationType.ADD, "member", dn));
            }
        }
        return count;
    }
}
