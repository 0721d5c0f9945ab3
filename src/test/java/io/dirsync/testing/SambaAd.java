package io.dirsync.testing;

import static io.dirsync.testing.Timing.ms;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.controls.SubtreeDeleteRequestControl;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;

/**
 * A real Active Directory for tests: Samba 4 provisioned as a domain controller for the realm
 * {@code EXAMPLE.TEST} (NetBIOS domain {@code EXAMPLE}), serving LDAP on {@code 127.0.0.1:389}
 * and LDAPS on {@code 127.0.0.1:636} (Samba has no port option: it needs root and those ports
 * free). One server per test JVM, shared by every test class ({@link #shared()}), stopped by a
 * shutdown hook; it also stops by itself when the JVM dies, because it is started with
 * {@code -i} and exits on end of its standard input, a pipe this JVM holds.
 *
 * <h2>Template</h2>
 * Provisioning a domain (~5 s) and loading the fixture below (~10 s) happen once: the result is
 * a template folder {@code target/samba-template-<hash>}, where the hash covers the fixture
 * LDIF, the provisioning options, the configuration and the Samba version, so a change to any
 * of them builds a new template and {@code mvn clean} removes it. Concurrent JVMs build it
 * under a file lock. Each JVM copies the template into a fresh temporary folder (~0.2 s) and
 * starts {@code samba -i -M <model> -s <its smb.conf>} as a child process (~1 s until LDAP
 * answers). The process model is Samba's default for a DC, {@code prefork} (a few worker
 * processes, so concurrent requests run in parallel), unless the system property
 * {@code dirsync.samba.model} says {@code single} (one process) or {@code standard}.
 *
 * <p>The configuration: {@code --dns-backend=NONE}, {@code server services = ldap} only,
 * {@code interfaces = lo} with {@code bind interfaces only}, {@code ldap server require strong
 * auth = no} (simple binds over plain {@code ldap://}), {@code ldb:nosync = true}, a relaxed
 * password policy (no complexity, length, history or age rules), and a throwaway CA
 * ({@link #caFile()}) that signed the server certificate (SAN {@code localhost},
 * {@code dc1.example.test}, {@code 127.0.0.1}); {@link #untrustedCaFile()} is a second CA that
 * signed nothing. The certificates live in the template (valid 10 years).
 *
 * <h2>Fixture</h2>
 * Under {@code DC=example,DC=test} ({@link #BASE_DN}), besides what provisioning creates
 * (the users Administrator, Guest, krbtgt and {@code CN=dns-DC1,CN=Users} - made even with
 * {@code --dns-backend=NONE} - and the builtin groups such as Domain Users). Users are {@code objectClass user};
 * {@code userAccountControl} 512 is an enabled normal account, 514 a disabled one (bit 0x2).
 * Groups are global security groups ({@code groupType} -2147483646). Every object has
 * {@code sAMAccountName} = its CN.
 *
 * <table>
 * <caption>Users</caption>
 * <tr><th>DN</th><th>mail</th><th>userAccountControl</th><th>direct member of</th><th>other</th></tr>
 * <tr><td>CN=alice,CN=Users,DC=example,DC=test</td><td>alice@example.test</td><td>512</td><td>devs</td>
 *     <td>givenName Alice, sn Anders, userPrincipalName alice@example.test, password {@link #USER_PASSWORD}</td></tr>
 * <tr><td>CN=bob,CN=Users,DC=example,DC=test</td><td>bob@example.test</td><td>512</td><td>devs</td>
 *     <td>givenName Bob, sn Brown, userPrincipalName bob@example.test, password {@link #USER_PASSWORD}</td></tr>
 * <tr><td>CN=carol,CN=Users,DC=example,DC=test</td><td>carol@example.test</td><td>514 (disabled)</td><td>staff</td>
 *     <td>givenName Carol, sn Clark, userPrincipalName carol@example.test, password {@link #USER_PASSWORD}</td></tr>
 * <tr><td>CN=dave,CN=Users,DC=example,DC=test</td><td>(none)</td><td>512</td><td>(none)</td>
 *     <td>givenName Dave, sn Dunn, no userPrincipalName either: for prefix + suffix emails
 *     ({@code dave} + {@code @example.test}); password {@link #USER_PASSWORD}</td></tr>
 * <tr><td>CN=erin,OU=Engineering,DC=example,DC=test</td><td>erin@example.test</td><td>512</td><td>platform</td>
 *     <td>givenName Erin, sn Evans, userPrincipalName erin@example.test, password {@link #USER_PASSWORD}</td></tr>
 * <tr><td>CN=bulk0001,OU=Bulk,DC=example,DC=test … CN=bulk3000,OU=Bulk,…</td><td>bulkNNNN@example.test</td>
 *     <td>512</td><td>big</td><td>no password, no userPrincipalName</td></tr>
 * <tr><td>CN=gone,CN=Users,DC=example,DC=test, then deleted: now
 *     {@code CN=gone\0ADEL:<objectGUID>,CN=Deleted Objects,DC=example,DC=test}</td>
 *     <td>(stripped)</td><td>(stripped)</td><td>(none)</td>
 *     <td>a tombstone: {@code isDeleted TRUE}, {@code lastKnownParent CN=Users,…}; visible only with the
 *     show-deleted control {@link #SHOW_DELETED_OID}</td></tr>
 * </table>
 *
 * <table>
 * <caption>Groups</caption>
 * <tr><th>DN</th><th>member</th><th>direct member of</th></tr>
 * <tr><td>CN=devs,CN=Users,DC=example,DC=test</td><td>alice, bob</td><td>staff</td></tr>
 * <tr><td>CN=staff,CN=Users,DC=example,DC=test</td><td>devs (group), carol</td><td>platform</td></tr>
 * <tr><td>CN=platform,OU=Engineering,DC=example,DC=test</td><td>erin, staff (group), ops (group)</td><td>ops</td></tr>
 * <tr><td>CN=ops,CN=Users,DC=example,DC=test</td><td>platform (group)</td><td>platform</td></tr>
 * <tr><td>CN=big,OU=Bulk,DC=example,DC=test</td><td>all 3,000 bulk users</td><td>(none)</td></tr>
 * </table>
 *
 * <p>So nesting crosses OUs (staff in CN=Users is a member of platform in OU=Engineering) and
 * {@code platform} and {@code ops} form a cycle. Transitively, platform (and ops) contain erin,
 * alice, bob and carol. Samba returns all 3,000 values of {@code big}'s {@code member} to a
 * plain request (Windows would stop at 1,500 and require range retrieval), and honours
 * explicit ranges: {@code member;range=0-999} comes back as {@code member;range=0-999} with
 * 1,000 values. The OUs are {@code OU=Engineering} and {@code OU=Bulk}.
 *
 * <h2>Changing the directory</h2>
 * The server is shared by all test classes of the JVM: do not change the fixture above. Make
 * changes in an OU of your own ({@link #scratchOu(String)}) with {@link #connect()}, and remove
 * it afterwards ({@link #deleteSubtree(String)}); deleting leaves tombstones under
 * {@code CN=Deleted Objects}. Users can be added without a password when disabled
 * ({@code userAccountControl} 514) or with 546 (disabled, password not required); setting
 * {@code unicodePwd} needs an encrypted connection ({@link #connectLdaps()}).
 *
 * <p>Needs the Debian packages {@code samba} and the DC parts it only recommends
 * ({@code samba-dsdb-modules}, {@code samba-vfs-modules}, {@code samba-ad-provision}),
 * {@code ldb-tools} (for {@code ldbmodify}), {@code openssl},
 * root, and ports 389, 636, 3268 and 3269 free on 127.0.0.1; otherwise {@link #shared()}
 * applies {@link RealServers#require} (skip loudly, or fail when {@code CI=true}).
 */
public final class SambaAd implements LoopbackLdapServer {

    public static final String REALM = "EXAMPLE.TEST";
    public static final String DOMAIN = "EXAMPLE";
    public static final String BASE_DN = "DC=example,DC=test";
    public static final int LDAP_PORT = 389;
    public static final int LDAPS_PORT = 636;
    /** The domain administrator; binds as {@code CN=Administrator,CN=Users,DC=example,DC=test}. */
    public static final String ADMIN_DN = "CN=Administrator,CN=Users," + BASE_DN;
    public static final String ADMIN_PASSWORD = "Adm1n!Passw0rd";
    /** The password of alice, bob, carol, dave and erin (bulk users have none). */
    public static final String USER_PASSWORD = "Us3r!Passw0rd";

    public static final String USERS_DN = "CN=Users," + BASE_DN;
    public static final String ENGINEERING_DN = "OU=Engineering," + BASE_DN;
    public static final String BULK_DN = "OU=Bulk," + BASE_DN;
    public static final String DELETED_OBJECTS_DN = "CN=Deleted Objects," + BASE_DN;

    public static final String ALICE_DN = "CN=alice," + USERS_DN;
    public static final String BOB_DN = "CN=bob," + USERS_DN;
    public static final String CAROL_DN = "CN=carol," + USERS_DN;
    public static final String DAVE_DN = "CN=dave," + USERS_DN;
    public static final String ERIN_DN = "CN=erin," + ENGINEERING_DN;
    public static final String DEVS_DN = "CN=devs," + USERS_DN;
    public static final String STAFF_DN = "CN=staff," + USERS_DN;
    public static final String OPS_DN = "CN=ops," + USERS_DN;
    public static final String PLATFORM_DN = "CN=platform," + ENGINEERING_DN;
    public static final String BIG_DN = "CN=big," + BULK_DN;
    /** Where {@code gone} lived before it was deleted ({@code lastKnownParent} is {@link #USERS_DN}). */
    public static final String GONE_DN = "CN=gone," + USERS_DN;

    /** Number of users in {@code OU=Bulk}, all members of {@code big}. */
    public static final int BULK_USERS = 3000;
    /** LDAP_SERVER_SHOW_DELETED_OID: searches also return tombstones. */
    public static final String SHOW_DELETED_OID = "1.2.840.113556.1.4.417";

    /** Bump when the template layout or build changes in a way the hash inputs do not show. */
    private static final String TEMPLATE_FORMAT = "1";
    private static final String MODEL_PROPERTY = "dirsync.samba.model";
    private static final String INSTANCE_PREFIX = "dirsync-samba-";
    /** In each instance folder: the pid of the JVM that owns it. */
    private static final String OWNER_FILE = "owner.pid";
    private static final String NEEDS = "Samba AD needs samba, samba-tool, ldbmodify, openssl, root and free ports "
            + "389/636/3268/3269 on " + HOST + " (Debian: apt-get install samba samba-dsdb-modules samba-vfs-modules "
            + "samba-ad-provision ldb-tools openssl)";
    private static final int[] PORTS = {389, 636, 3268, 3269};
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(10);
    /** The certificates live in the template, which may stay long in target/. */
    private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(3650);
    /** The server certificate's SANs; the first, the DC's own name, is also its subject CN. */
    private static final List<String> SERVER_NAMES = List.of("DNS:dc1.example.test", "DNS:localhost", "IP:" + HOST);
    private static final Logger LOG = LoggerFactory.getLogger(SambaAd.class);

    private static SambaAd shared;
    private static RuntimeException sharedFailure;

    private final Path dir;
    private final TestCertificates tls;
    private final Path logFile;
    private Process process;
    private OutputStream stdin;
    private boolean closed;

    private SambaAd(Path dir) {
        this.dir = dir;
        this.tls = TestCertificates.in(dir.resolve("tls"));
        this.logFile = dir.resolve("log/samba.out");
    }

    // ------------------------------------------------------------------ availability

    /** What is missing to run Samba AD here, or an empty string when nothing is. */
    public static String missing() {
        List<String> missing = new ArrayList<>();
        if (RealServers.hidden("samba")) {
            return "samba (hidden by -Ddirsync.test.unavailable)";
        }
        for (String tool : List.of("samba", "samba-tool", "ldbmodify", "openssl")) {
            if (RealServers.findExecutable(tool).isEmpty()) {
                missing.add(tool);
            }
        }
        if (!isRoot()) {
            missing.add("root (Samba's LDAP ports 389/636 are fixed)");
        }
        for (int port : PORTS) {
            if (!portFree(port)) {
                missing.add("free port " + HOST + ":" + port + " (in use)");
            }
        }
        return String.join(", ", missing);
    }

    /** Skips the calling test when Samba AD cannot run here (fails it when {@code CI=true}). */
    public static void assumeAvailable() {
        String missing = missing();
        RealServers.require(missing + "; " + NEEDS, missing.isEmpty());
    }

    // ------------------------------------------------------------------ starting

    /**
     * The JVM's Samba AD, started on first call (building the template first if needed) and
     * stopped at JVM exit. When it cannot run here the calling test is skipped, or failed under
     * {@code CI=true} ({@link RealServers#require}). A failed start is remembered and rethrown.
     */
    public static synchronized SambaAd shared() {
        if (shared != null) {
            return shared;
        }
        if (sharedFailure != null) {
            throw new IllegalStateException("Samba AD failed to start earlier in this JVM", sharedFailure);
        }
        assumeAvailable();
        try {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "samba-ad-shutdown"));
            return shared;
        } catch (IOException | RuntimeException e) {
            sharedFailure = e instanceof RuntimeException re ? re : new UncheckedIOException((IOException) e);
            throw sharedFailure;
        }
    }

    private static SambaAd start() throws IOException {
        long t0 = System.nanoTime();
        Path template = template();
        long t1 = System.nanoTime();
        removeAbandonedInstances();
        SambaAd samba = new SambaAd(Files.createTempDirectory(INSTANCE_PREFIX));
        try {
            Files.writeString(samba.dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            copyTree(template, samba.dir);
            Files.writeString(samba.dir.resolve("etc/smb.conf"), smbConf(samba.dir), StandardCharsets.UTF_8);
            Files.createDirectories(samba.dir.resolve("log"));
            Files.createDirectories(samba.dir.resolve("run"));
            long t2 = System.nanoTime();
            samba.launch();
            long t3 = System.nanoTime();
            LOG.info("Samba AD ({}) on {} and {} in {} ms (template {} ms, copy {} ms, start {} ms), folder {}",
                    model(), samba.ldapUrl(), samba.ldapsUrl(), ms(t3 - t0), ms(t1 - t0), ms(t2 - t1), ms(t3 - t2),
                    samba.dir);
            return samba;
        } catch (IOException | RuntimeException e) {
            samba.close();
            throw e;
        }
    }

    /**
     * Deletes instance folders of JVMs that died without running their shutdown hook (Samba itself
     * stopped with them: its stdin closed).
     */
    private static void removeAbandonedInstances() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(tmp)) {
            dirs.filter(d -> d.getFileName().toString().startsWith(INSTANCE_PREFIX))
                    .filter(d -> Files.isRegularFile(d.resolve(OWNER_FILE)))
                    .filter(d -> {
                        try {
                            long pid = Long.parseLong(Files.readString(d.resolve(OWNER_FILE)).trim());
                            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
                        } catch (IOException | NumberFormatException e) {
                            return false;
                        }
                    })
                    .forEach(d -> {
                        LOG.info("removing {}, left by a JVM that is gone", d);
                        FileTrees.delete(d);
                    });
        } catch (IOException e) {
            LOG.warn("could not look for abandoned Samba folders in {}: {}", tmp, e.toString());
        }
    }

    // ------------------------------------------------------------------ accessors

    @Override
    public TestCertificates certificates() {
        return tls;
    }


    @Override
    public int ldapPort() {
        return LDAP_PORT;
    }

    @Override
    public int ldapsPort() {
        return LDAPS_PORT;
    }





    /** {@link #ADMIN_DN}. */
    @Override
    public String bindDn() {
        return ADMIN_DN;
    }

    /** {@link #ADMIN_PASSWORD}. */
    @Override
    public String password() {
        return ADMIN_PASSWORD;
    }

    /** {@link #BASE_DN}. */
    public String baseDn() {
        return BASE_DN;
    }

    /** This instance's folder (a copy of the template: etc/smb.conf, private/sam.ldb, tls/, log/). */
    @Override
    public Path directory() {
        return dir;
    }

    /** Samba's stdout/stderr; more in {@code log/log.samba} next to it. */
    @Override
    public Path logFile() {
        return logFile;
    }

    // ------------------------------------------------------------------ connections and changes

    /** A new connection over plain LDAP, bound as the administrator. The caller closes it. */
    public LDAPConnection connect() throws LDAPException {
        return new LDAPConnection(connectionOptions(), HOST, LDAP_PORT, ADMIN_DN, ADMIN_PASSWORD);
    }

    /**
     * A new LDAPS connection bound as the administrator, verifying the certificate against
     * {@link #caFile()} and the host name. Needed to set passwords ({@code unicodePwd}). The caller closes it.
     */
    public LDAPConnection connectLdaps() throws LDAPException {
        return new LDAPConnection(sslSocketFactory(), connectionOptions(), HOST, LDAPS_PORT, ADMIN_DN, ADMIN_PASSWORD);
    }

    /** Socket factory trusting only {@link #caFile()} (host names are checked by the connection options). */
    public SSLSocketFactory sslSocketFactory() {
        try {
            return new SSLUtil(new PEMFileTrustManager(tls.caFile().toFile())).createSSLSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use " + tls.caFile(), e);
        }
    }

    /** Options with time-outs and host-name verification for TLS. */
    public static LDAPConnectionOptions connectionOptions() {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        options.setConnectTimeoutMillis(5000);
        options.setResponseTimeoutMillis(60000);
        return options;
    }

    /**
     * A fresh, empty {@code OU=<name>,DC=example,DC=test} for a test's own objects: an existing
     * one (left by an earlier test) is deleted with everything below it first. Returns its DN.
     */
    public String scratchOu(String name) throws LDAPException {
        String dn = "OU=" + name + "," + BASE_DN;
        try (LDAPConnection c = connect()) {
            deleteSubtree(c, dn);
            c.add(new Entry(dn, new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", name)));
        }
        return dn;
    }

    /** Deletes an entry and everything below it (tree-delete control); nothing when it does not exist. */
    public void deleteSubtree(String dn) throws LDAPException {
        try (LDAPConnection c = connect()) {
            deleteSubtree(c, dn);
        }
    }

    private static void deleteSubtree(LDAPConnection c, String dn) throws LDAPException {
        try {
            DeleteRequest delete = new DeleteRequest(dn);
            delete.addControl(new SubtreeDeleteRequestControl(true));
            c.delete(delete);
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
                throw e;
            }
        }
    }

    /** The {@code unicodePwd} value AD expects: the password in double quotes, UTF-16LE. Set it over LDAPS. */
    public static byte[] unicodePwd(String password) {
        return ("\"" + password + "\"").getBytes(StandardCharsets.UTF_16LE);
    }

    // ------------------------------------------------------------------ stopping

    /** Stops Samba (SIGTERM to its root process, which ends its children; KILL after 10 s) and deletes its folder. */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process != null) {
            ChildProcesses.stop(process);
            try {
                stdin.close();
            } catch (IOException ignored) {
                // the process is gone
            }
        }
        FileTrees.delete(dir);
    }

    @Override
    public String toString() {
        return "SambaAd[" + ldapUrl() + " " + ldapsUrl() + " " + dir + "]";
    }

    // ------------------------------------------------------------------ process

    private void launch() throws IOException {
        String samba = RealServers.findExecutable("samba").orElseThrow().toString();
        // -i: foreground, logs to stdout, and exits when stdin ends: we keep a pipe open for as long
        // as this JVM lives, so even a killed JVM does not leave a Samba holding port 389.
        ProcessBuilder pb = new ProcessBuilder(samba, "-i", "-M", model(), "-s", dir.resolve("etc/smb.conf").toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        process = pb.start();
        stdin = process.getOutputStream();
        awaitReady();
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("samba exited with " + process.exitValue() + ", " + logs());
            }
            Optional<RootDSE> root = LdapProbe.rootDse(HOST, LDAP_PORT, LDAPS_PORT, 5000);
            if (root.isEmpty()) {
                Timing.sleep(50, "samba");
                continue;
            }
            String context = root.get().getAttributeValue("defaultNamingContext");
            if (!BASE_DN.equalsIgnoreCase(context)) {
                throw new IOException("another server answers on " + ldapUrl() + " (defaultNamingContext "
                        + context + ", expected " + BASE_DN + "); " + logs());
            }
            return;
        }
        throw new IOException("samba did not answer on " + ldapUrl() + " within " + START_TIMEOUT.toSeconds()
                + " s; " + logs());
    }

    private String logs() {
        StringBuilder out = new StringBuilder("log ").append(logFile).append(":\n")
                .append(ChildProcesses.readLog(logFile));
        Path samba = dir.resolve("log/log.samba");
        if (Files.exists(samba)) {
            out.append("\n").append(samba).append(":\n").append(ChildProcesses.readLog(samba));
        }
        return out.toString();
    }

    private static String model() {
        String model = System.getProperty(MODEL_PROPERTY, "prefork");
        if (!List.of("single", "prefork", "standard").contains(model)) {
            throw new IllegalArgumentException(MODEL_PROPERTY + " must be single, prefork or standard: " + model);
        }
        return model;
    }

    // ------------------------------------------------------------------ configuration

    /** The whole smb.conf of a provisioned folder: everything in it, LDAP service only, loopback only. */
    static String smbConf(Path dir) {
        String d = dir.toAbsolutePath().toString();
        if (d.contains("\n") || d.contains("%")) {
            throw new IllegalArgumentException("unusable folder for smb.conf: " + d);
        }
        TestCertificates certificates = TestCertificates.in(Path.of(d, "tls"));
        return String.join("\n",
                "# written by io.dirsync.testing.SambaAd: a throwaway AD DC for tests",
                "[global]",
                "\tnetbios name = DC1",
                "\trealm = " + REALM,
                "\tworkgroup = " + DOMAIN,
                "\tserver role = active directory domain controller",
                "\tserver services = ldap",
                "\tinterfaces = lo",
                "\tbind interfaces only = yes",
                "\tldap server require strong auth = no",
                "\tldb:nosync = true",
                "\tprivate dir = " + d + "/private",
                "\tlock directory = " + d,
                "\tstate directory = " + d + "/state",
                "\tcache directory = " + d + "/cache",
                "\tbinddns dir = " + d + "/bind-dns",
                "\tpid directory = " + d + "/run",
                "\tncalrpc dir = " + d + "/run/ncalrpc",
                "\twinbindd socket directory = " + d + "/run/winbindd",
                "\tntp signd socket directory = " + d + "/run/ntp_signd",
                "\tlog file = " + d + "/log/log.%m",
                "\tlogging = file",
                "\tlog level = 1",
                "\ttls enabled = yes",
                "\ttls keyfile = " + certificates.serverKey(),
                "\ttls certfile = " + certificates.serverCertificate(),
                "\ttls cafile = " + certificates.caFile(),
                "");
    }

    private static List<String> provisionArgs(Path target) {
        return List.of("domain", "provision", "--realm=" + REALM, "--domain=" + DOMAIN, "--server-role=dc",
                "--dns-backend=NONE", "--host-name=dc1", "--adminpass=" + ADMIN_PASSWORD,
                "--targetdir=" + target, "--option=interfaces=lo", "--option=bind interfaces only=yes");
    }

    // ------------------------------------------------------------------ fixture

    /** The fixture as one LDIF change file for {@code ldbmodify} (one transaction); see the class comment. */
    static String fixtureLdif() {
        StringBuilder l = new StringBuilder(1 << 20);
        // relaxed password policy, as `samba-tool domain passwordsettings set --complexity=off
        // --history-length=0 --min-pwd-age=0 --max-pwd-age=0 --min-pwd-length=0` writes it
        l.append("dn: ").append(BASE_DN).append("\nchangetype: modify\n")
                .append("replace: pwdProperties\npwdProperties: 0\n-\n")
                .append("replace: minPwdLength\nminPwdLength: 0\n-\n")
                .append("replace: pwdHistoryLength\npwdHistoryLength: 0\n-\n")
                .append("replace: minPwdAge\nminPwdAge: 0\n-\n")
                .append("replace: maxPwdAge\nmaxPwdAge: -9223372036854775808\n-\n\n");
        ou(l, ENGINEERING_DN, "Engineering");
        ou(l, BULK_DN, "Bulk");
        person(l, ALICE_DN, "alice", "Alice", "Anders", true, 512);
        person(l, BOB_DN, "bob", "Bob", "Brown", true, 512);
        person(l, CAROL_DN, "carol", "Carol", "Clark", true, 514);
        person(l, DAVE_DN, "dave", "Dave", "Dunn", false, 512);
        person(l, ERIN_DN, "erin", "Erin", "Evans", true, 512);
        group(l, DEVS_DN, "devs", List.of(ALICE_DN, BOB_DN));
        group(l, STAFF_DN, "staff", List.of(DEVS_DN, CAROL_DN));
        group(l, OPS_DN, "ops", List.of());
        group(l, PLATFORM_DN, "platform", List.of(ERIN_DN, STAFF_DN, OPS_DN));
        l.append("dn: ").append(OPS_DN).append("\nchangetype: modify\nadd: member\nmember: ")
                .append(PLATFORM_DN).append("\n-\n\n");
        List<String> bulk = new ArrayList<>(BULK_USERS);
        for (int i = 1; i <= BULK_USERS; i++) {
            String name = bulkName(i);
            String dn = bulkUserDn(i);
            bulk.add(dn);
            l.append("dn: ").append(dn).append("\nchangetype: add\nobjectClass: user\n")
                    .append("sAMAccountName: ").append(name).append('\n')
                    .append("mail: ").append(name).append("@example.test\n")
                    .append("userAccountControl: 512\n\n");
        }
        group(l, BIG_DN, "big", bulk);
        l.append("dn: ").append(GONE_DN).append("\nchangetype: add\nobjectClass: user\nsAMAccountName: gone\n")
                .append("mail: gone@example.test\nuserAccountControl: 512\n\n");
        l.append("dn: ").append(GONE_DN).append("\nchangetype: delete\n\n");
        return l.toString();
    }

    /** {@code bulk0001} … {@code bulk3000}. */
    public static String bulkName(int index) {
        if (index < 1 || index > BULK_USERS) {
            throw new IllegalArgumentException("bulk users are numbered 1.." + BULK_USERS + ": " + index);
        }
        return String.format("bulk%04d", index);
    }

    /** {@code CN=bulkNNNN,OU=Bulk,DC=example,DC=test}. */
    public static String bulkUserDn(int index) {
        return "CN=" + bulkName(index) + "," + BULK_DN;
    }

    private static void ou(StringBuilder l, String dn, String name) {
        l.append("dn: ").append(dn).append("\nchangetype: add\nobjectClass: organizationalUnit\nou: ")
                .append(name).append("\n\n");
    }

    private static void person(StringBuilder l, String dn, String name, String given, String sn, boolean mail,
            int userAccountControl) {
        l.append("dn: ").append(dn).append("\nchangetype: add\nobjectClass: user\n")
                .append("sAMAccountName: ").append(name).append('\n')
                .append("givenName: ").append(given).append('\n')
                .append("sn: ").append(sn).append('\n')
                .append("displayName: ").append(given).append(' ').append(sn).append('\n');
        if (mail) {
            l.append("mail: ").append(name).append("@example.test\n")
                    .append("userPrincipalName: ").append(name).append("@example.test\n");
        }
        l.append("userAccountControl: ").append(userAccountControl).append('\n')
                .append("unicodePwd:: ").append(Base64.getEncoder().encodeToString(unicodePwd(USER_PASSWORD)))
                .append("\n\n");
    }

    private static void group(StringBuilder l, String dn, String name, List<String> members) {
        l.append("dn: ").append(dn).append("\nchangetype: add\nobjectClass: group\n")
                .append("sAMAccountName: ").append(name).append('\n');
        for (String member : members) {
            l.append("member: ").append(member).append('\n');
        }
        l.append('\n');
    }

    // ------------------------------------------------------------------ template

    /**
     * The template folder for the current fixture, built first when missing (under a lock file, so
     * concurrent JVMs build it once). Lives in the project's {@code target/}.
     */
    static Path template() throws IOException {
        Path target = targetDir();
        Files.createDirectories(target);
        String ldif = fixtureLdif();
        String hash = templateHash(ldif);
        Path template = target.resolve("samba-template-" + hash);
        try (FileChannel lockFile = FileChannel.open(target.resolve("samba-template.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            if (Files.exists(template.resolve("READY"))) {
                return template;
            }
            // other fixtures' templates and half-built ones are of no more use
            try (Stream<Path> old = Files.list(target)) {
                old.filter(p -> p.getFileName().toString().startsWith("samba-template-") && Files.isDirectory(p))
                        .forEach(FileTrees::delete);
            }
            Path building = target.resolve("samba-template-" + hash + ".building");
            long t0 = System.nanoTime();
            try {
                buildTemplate(building, ldif);
                Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                FileTrees.delete(building);
                throw e;
            }
            LOG.info("Samba AD template {} built in {} ms", template, ms(System.nanoTime() - t0));
            return template;
        }
    }

    private static void buildTemplate(Path dir, String ldif) throws IOException {
        FileTrees.delete(dir);
        Files.createDirectories(dir.getParent());
        long t0 = System.nanoTime();
        String sambaTool = RealServers.findExecutable("samba-tool").orElseThrow().toString();
        List<String> provision = new ArrayList<>(List.of(sambaTool));
        provision.addAll(provisionArgs(dir));
        ChildProcesses.run(provision, dir.getParent(), TOOL_TIMEOUT, "provisioning the domain");
        long t1 = System.nanoTime();
        // provision's smb.conf starts every service and logs to /var/log/samba: replace it
        Files.writeString(dir.resolve("etc/smb.conf"), smbConf(dir), StandardCharsets.UTF_8);
        TestCertificates.make(dir.resolve("tls"), CERTIFICATE_VALIDITY, SERVER_NAMES);
        long t2 = System.nanoTime();
        Path file = dir.resolve("fixture.ldif");
        Files.writeString(file, ldif, StandardCharsets.UTF_8);
        String ldbmodify = RealServers.findExecutable("ldbmodify").orElseThrow().toString();
        // offline, in one transaction, through Samba's own module stack (sam.ldb's @MODULES): the
        // same objects an LDAP add makes, without a server. --nosync: ldbmodify ignores ldb:nosync.
        ChildProcesses.run(List.of(ldbmodify, "--nosync", "--configfile=" + dir.resolve("etc/smb.conf"),
                "-H", dir.resolve("private/sam.ldb").toString(), file.toString()), dir, TOOL_TIMEOUT,
                "loading the fixture");
        long t3 = System.nanoTime();
        Files.delete(file);
        Files.writeString(dir.resolve("READY"), "provision " + ms(t1 - t0) + " ms, certificates " + ms(t2 - t1)
                + " ms, fixture " + ms(t3 - t2) + " ms\n", StandardCharsets.UTF_8);
        LOG.info("Samba AD template: provision {} ms, certificates {} ms, fixture {} ms",
                ms(t1 - t0), ms(t2 - t1), ms(t3 - t2));
    }

    private static String templateHash(String ldif) throws IOException {
        // the installed Samba, cheaply: a new package version replaces the binary (`samba --version` costs 0.2 s)
        Path samba = RealServers.findExecutable("samba").orElseThrow().toRealPath();
        String version = samba + " " + Files.size(samba) + " " + Files.getLastModifiedTime(samba);
        Path placeholder = Path.of("/TEMPLATE");
        String inputs = String.join("\n\0", TEMPLATE_FORMAT, version, String.join(" ", provisionArgs(placeholder)),
                smbConf(placeholder), TestCertificates.opensslConfig(SERVER_NAMES), ldif);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inputs.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code target/} of this project: the parent of the folder this class was compiled into. */
    private static Path targetDir() {
        try {
            Path classes = Path.of(SambaAd.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(classes) && classes.getParent() != null
                    && classes.getParent().getFileName().toString().equals("target")) {
                return classes.getParent();
            }
        } catch (URISyntaxException | RuntimeException e) {
            LOG.debug("no code source for SambaAd: {}", e.toString());
        }
        return Path.of(System.getProperty("user.dir"), "target").toAbsolutePath();
    }

    // ------------------------------------------------------------------ helpers

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Path copy = to.resolve(from.relativize(d).toString());
                if (!Files.isDirectory(copy)) {
                    Files.copy(d, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (!f.getFileName().toString().equals("READY")) {
                    Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                            LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
