package io.dirsync.testing;

import static io.dirsync.testing.Timing.ms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private OpenLDAP {@code slapd} for real-server tests: loopback only, free ports (one
 * {@code ldap://}, one {@code ldaps://} that also serves StartTLS on the plain port), an MDB
 * database loaded offline with {@code slapadd}, and a throwaway CA plus server certificate
 * (SAN {@code localhost} and {@code 127.0.0.1}) made with {@code openssl}. Everything lives in
 * one temporary directory that {@link #close()} removes.
 *
 * <p>Most tests want {@link #shared(String, String)} (or {@link #bwdc20()}): one server per
 * fixture per test JVM, started on first use and stopped by a shutdown hook. Tests that change
 * the directory should {@link #start(String, Path) start} their own and close it.
 *
 * <p>Needs the Debian packages {@code slapd} and {@code ldap-utils}, and {@code openssl}.
 * When they are absent, {@link #assumeAvailable()} applies {@link RealServers#require}.
 */
public final class Slapd implements LoopbackLdapServer, AutoCloseable {

    /** Root of the Bitwarden Directory Connector's fixtures. */
    public static final String BWDC_SUFFIX = "dc=bitwarden,dc=com";
    /** Classpath resource: the peer's 20-user, 5-posixGroup directory. */
    public static final String BWDC_20 = "/peer/bwdc/directory-20.ldif";
    /** Classpath resource: the peer's 8-user, 10 nested/circular groupOfNames directory. */
    public static final String BWDC_CIRCULAR = "/peer/bwdc/directory-circular-groups.ldif";

    /** The root DN's password; the peer's tests bind as {@code cn=admin,<suffix>} / {@code admin}. */
    public static final String PASSWORD = "admin";


    private static final Logger LOG = LoggerFactory.getLogger(Slapd.class);
    private static final String NEEDS =
            "OpenLDAP slapd + slapadd, its schema files, and openssl (Debian: apt-get install slapd ldap-utils openssl)";
    private static final List<String> SCHEMA_DIRS = List.of(
            "/etc/ldap/schema", "/etc/openldap/schema", "/usr/local/etc/openldap/schema",
            "/opt/homebrew/etc/openldap/schema");
    private static final List<String> MODULE_DIRS = List.of(
            "/usr/lib/ldap", "/usr/lib64/openldap", "/usr/lib/openldap", "/usr/local/libexec/openldap",
            "/opt/homebrew/libexec/openldap");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(30);
    private static final List<String> SERVER_NAMES = List.of("DNS:localhost", "IP:" + HOST);
    private static final int PORT_ATTEMPTS = 5;

    private static final Map<String, Object> SHARED = new HashMap<>();
    private static final Set<Slapd> OPEN = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private final String suffix;
    private final Path dir;
    private final Path conf;
    private final Path logFile;
    private TestCertificates tls;
    private boolean requireClientCertificates;
    private List<String> databaseDirectives = List.of();
    private Process process;
    private int ldapPort;
    private int ldapsPort;
    private boolean closed;

    private Slapd(String suffix, Path dir) {
        this.suffix = suffix;
        this.dir = dir;
        this.conf = dir.resolve("slapd.conf");
        this.logFile = dir.resolve("slapd.log");
    }

    // ------------------------------------------------------------------ availability

    /** Whether slapd, slapadd, openssl and the OpenLDAP schema files are present here. */
    public static boolean available() {
        return !RealServers.hidden("slapd")
                && RealServers.findExecutable("slapd").isPresent()
                && RealServers.findExecutable("slapadd").isPresent()
                && RealServers.findExecutable("openssl").isPresent()
                && schemaDir().isPresent();
    }

    /** Skips the calling test when slapd cannot run here (fails it when {@code CI=true}). */
    public static void assumeAvailable() {
        RealServers.require(NEEDS, available());
    }

    // ------------------------------------------------------------------ starting

    /** The shared server with the peer's {@code directory-20.ldif}; see {@link #shared}. */
    public static Slapd bwdc20() {
        return shared(BWDC_SUFFIX, BWDC_20);
    }

    /** The shared server with the peer's {@code directory-circular-groups.ldif}; see {@link #shared}. */
    public static Slapd bwdcCircular() {
        return shared(BWDC_SUFFIX, BWDC_CIRCULAR);
    }

    /**
     * One server per (suffix, classpath LDIF) per JVM, started on first call and stopped at JVM
     * exit. Applies {@link #assumeAvailable()} first. Do not close it and do not change its
     * data: other test classes read it. A failed start is remembered and rethrown.
     */
    public static synchronized Slapd shared(String suffix, String classpathLdif) {
        assumeAvailable();
        String key = suffix + "|" + classpathLdif;
        Object known = SHARED.get(key);
        if (known instanceof Slapd slapd) {
            return slapd;
        }
        if (known instanceof RuntimeException failure) {
            throw new IllegalStateException("shared slapd for " + key + " failed to start earlier", failure);
        }
        try {
            Slapd slapd = start(suffix, classpathLdif);
            SHARED.put(key, slapd);
            return slapd;
        } catch (IOException | RuntimeException e) {
            RuntimeException failure = e instanceof RuntimeException re ? re : new UncheckedIOException((IOException) e);
            SHARED.put(key, failure);
            throw failure;
        }
    }

    /** Starts a server loaded from a classpath resource (e.g. {@link #BWDC_20}). The caller closes it. */
    public static Slapd start(String suffix, String classpathLdif) throws IOException {
        String text;
        try (InputStream in = Slapd.class.getResourceAsStream(classpathLdif)) {
            if (in == null) {
                throw new IOException("no classpath resource " + classpathLdif);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return startWith(suffix, text, classpathLdif);
    }

    /**
     * Starts a server loaded from an LDIF file, or with only the suffix entry when {@code ldif}
     * is {@code null} (suffix must then start with {@code dc=}). The caller closes it.
     */
    public static Slapd start(String suffix, Path ldif) throws IOException {
        if (ldif == null) {
            return startWith(suffix, suffixEntry(suffix), "(suffix entry only)");
        }
        return startWith(suffix, Files.readString(ldif, StandardCharsets.UTF_8), ldif.toString());
    }

    /**
     * Starts a server that accepts TLS (StartTLS and LDAPS) only from clients presenting a certificate of its CA
     * ({@link #clientCertificate()}). The caller closes it.
     */
    public static Slapd startRequiringClientCertificates(String suffix, String classpathLdif) throws IOException {
        String text;
        try (InputStream in = Slapd.class.getResourceAsStream(classpathLdif)) {
            if (in == null) {
                throw new IOException("no classpath resource " + classpathLdif);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return startWith(suffix, text, classpathLdif, true);
    }

    /**
     * Starts a server loaded from an LDIF file, with more slapd.conf directives for its database, e.g.
     * {@code limits dn.exact="cn=reader,dc=example" size=3}. The caller closes it.
     */
    public static Slapd start(String suffix, Path ldif, List<String> databaseDirectives) throws IOException {
        return startWith(suffix, Files.readString(ldif, StandardCharsets.UTF_8), ldif.toString(), false,
                databaseDirectives);
    }

    private static Slapd startWith(String suffix, String ldifText, String source) throws IOException {
        return startWith(suffix, ldifText, source, false);
    }

    private static Slapd startWith(String suffix, String ldifText, String source, boolean requireClientCertificates)
            throws IOException {
        return startWith(suffix, ldifText, source, requireClientCertificates, List.of());
    }

    private static Slapd startWith(String suffix, String ldifText, String source, boolean requireClientCertificates,
                                   List<String> databaseDirectives) throws IOException {
        if (!available()) {
            throw new IllegalStateException("cannot start slapd: missing " + NEEDS);
        }
        long t0 = System.nanoTime();
        Slapd slapd = new Slapd(suffix, Files.createTempDirectory("dirsync-slapd-"));
        slapd.requireClientCertificates = requireClientCertificates;
        slapd.databaseDirectives = List.copyOf(databaseDirectives);
        register(slapd);
        try {
            slapd.tls = TestCertificates.make(slapd.dir.resolve("tls"), CERTIFICATE_VALIDITY, SERVER_NAMES);
            long t1 = System.nanoTime();
            slapd.writeConfig();
            slapd.load(forSlapadd(ldifText), source);
            long t2 = System.nanoTime();
            slapd.launch();
            long t3 = System.nanoTime();
            LOG.info("slapd {} ({}) on {} and {} in {} ms (certificates {} ms, slapadd {} ms, start {} ms)",
                    suffix, source, slapd.ldapUrl(), slapd.ldapsUrl(), ms(t3 - t0), ms(t1 - t0), ms(t2 - t1),
                    ms(t3 - t2));
            return slapd;
        } catch (IOException | RuntimeException e) {
            slapd.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------ accessors

    @Override
    public TestCertificates certificates() {
        return tls;
    }

    public String suffix() {
        return suffix;
    }


    @Override
    public int ldapPort() {
        return ldapPort;
    }

    @Override
    public int ldapsPort() {
        return ldapsPort;
    }




    /** A client certificate (PEM) of the same CA, and its key: what a server that demands one accepts. */
    public Path clientCertificate() {
        return tls.clientCertificate();
    }

    public Path clientKey() {
        return tls.clientKey();
    }


    /** {@code cn=admin,<suffix>}, the database's root DN (bypasses access control and limits). */
    @Override
    public String bindDn() {
        return "cn=admin," + suffix;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    /** The instance's directory (config, database, certificates, log). */
    @Override
    public Path directory() {
        return dir;
    }

    /** slapd's stdout/stderr. */
    @Override
    public Path logFile() {
        return logFile;
    }

    // ------------------------------------------------------------------ stopping

    /** Stops slapd (SIGTERM, then SIGKILL after 10 s) and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process != null) {
            ChildProcesses.stop(process);
        }
        FileTrees.delete(dir);
        synchronized (Slapd.class) {
            OPEN.remove(this);
        }
    }

    @Override
    public String toString() {
        return "Slapd[" + suffix + " " + ldapUrl() + " " + ldapsUrl() + " " + dir + "]";
    }

    private static synchronized void register(Slapd slapd) {
        OPEN.add(slapd);
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Slapd::closeAll, "slapd-shutdown"));
        }
    }

    private static void closeAll() {
        List<Slapd> open;
        synchronized (Slapd.class) {
            open = new ArrayList<>(OPEN);
        }
        open.forEach(Slapd::close);
    }

    // ------------------------------------------------------------------ config and data

    private void writeConfig() throws IOException {
        Path schema = schemaDir().orElseThrow();
        Files.createDirectories(dir.resolve("db"));
        List<String> lines = new ArrayList<>();
        lines.add("# throwaway test instance written by io.dirsync.testing.Slapd");
        for (String s : List.of("core", "cosine", "nis", "inetorgperson")) {
            lines.add("include " + q(schema.resolve(s + ".schema")));
        }
        lines.add("pidfile " + q(dir.resolve("slapd.pid")));
        lines.add("argsfile " + q(dir.resolve("slapd.args")));
        moduleDir().ifPresent(m -> {
            // Debian builds back_mdb as a module; where it is built in there is nothing to load
            lines.add("modulepath " + q(m));
            lines.add("moduleload back_mdb");
        });
        lines.add("loglevel none");
        lines.add("sizelimit unlimited");
        lines.add("timelimit unlimited");
        lines.add("TLSCACertificateFile " + q(tls.caFile()));
        lines.add("TLSCertificateFile " + q(tls.serverCertificate()));
        lines.add("TLSCertificateKeyFile " + q(tls.serverKey()));
        if (requireClientCertificates) {
            lines.add("TLSVerifyClient demand");
        }
        lines.add("");
        lines.add("database mdb");
        lines.add("suffix " + q(suffix));
        lines.add("rootdn " + q(bindDn()));
        lines.add("rootpw " + PASSWORD);
        lines.add("directory " + q(dir.resolve("db")));
        // default map size is 10 MiB: too small for big directories (the file is sparse, so 4 GiB is free)
        lines.add("maxsize 4294967296");
        lines.add("dbnosync");
        lines.add("index objectClass eq");
        lines.add("index cn,uid,mail,memberUid eq");
        lines.add("index member,uniqueMember eq");
        lines.addAll(databaseDirectives);
        lines.add("access to * by * read");
        lines.add("");
        Files.write(conf, lines, StandardCharsets.UTF_8);
    }

    private void load(String ldif, String source) throws IOException {
        Path file = dir.resolve("load.ldif");
        Files.writeString(file, ldif, StandardCharsets.UTF_8);
        String slapadd = RealServers.findExecutable("slapadd").orElseThrow().toString();
        ChildProcesses.run(List.of(slapadd, "-q", "-f", conf.toString(), "-b", suffix, "-l", file.toString()), dir,
                TOOL_TIMEOUT, "loading " + source + " with slapadd");
    }

    private static final Pattern VERSION = Pattern.compile("(?i)version:\\s*1\\s*");
    private static final Pattern CHANGETYPE = Pattern.compile("(?i)changetype:\\s*(\\S*)\\s*");

    /**
     * Makes an LDIF acceptable to slapadd: drops the {@code version: 1} line and
     * {@code changetype: add} lines (slapadd reads content records only, and fails with "entry -1
     * has no dn" on the version line), normalises line ends. DNs written with spaces after commas
     * ({@code dc=bitwarden, dc=com}) need nothing: slapadd normalises them. Any other changetype
     * cannot be loaded offline and is an error.
     */
    static String forSlapadd(String ldif) {
        StringBuilder out = new StringBuilder(ldif.length());
        for (String line : ldif.split("\r?\n", -1)) {
            if (VERSION.matcher(line).matches()) {
                continue;
            }
            Matcher m = CHANGETYPE.matcher(line);
            if (m.matches()) {
                if (!m.group(1).equalsIgnoreCase("add")) {
                    throw new IllegalArgumentException("slapadd loads entries only, found: " + line.trim());
                }
                continue;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static String suffixEntry(String suffix) {
        Matcher m = Pattern.compile("(?i)dc=([^,]+)(,.*)?").matcher(suffix.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("without an LDIF the suffix must start with dc=: " + suffix);
        }
        String dc = m.group(1).trim();
        return "dn: " + suffix + "\nobjectClass: dcObject\nobjectClass: organization\no: " + dc + "\ndc: " + dc + "\n";
    }

    // ------------------------------------------------------------------ process

    private void launch() throws IOException {
        String slapdBin = RealServers.findExecutable("slapd").orElseThrow().toString();
        IOException last = null;
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            int[] ports = freePorts(2);
            ldapPort = ports[0];
            ldapsPort = ports[1];
            // -d 0: stay in the foreground (no daemon, so the Process is slapd itself) and log nothing extra
            ProcessBuilder pb = new ProcessBuilder(slapdBin, "-f", conf.toString(),
                    "-h", ldapUrl() + "/ " + ldapsUrl() + "/", "-d", "0")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            process = pb.start();
            try {
                awaitReady();
                return;
            } catch (PortTaken e) {
                last = e;
                process.destroyForcibly();
                LOG.warn("slapd: port race on {} / {}, retrying", ldapPort, ldapsPort);
            }
        }
        throw last;
    }

    private static final class PortTaken extends IOException {
        PortTaken(String message) {
            super(message);
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = ChildProcesses.readLog(logFile);
                String message = "slapd exited with " + process.exitValue() + ", log " + logFile + ":\n" + log;
                if (log.contains("Address already in use") || log.contains("bind(")) {
                    throw new PortTaken(message);
                }
                throw new IOException(message);
            }
            if (LdapProbe.rootDse(HOST, ldapPort, ldapsPort, 2000).isPresent()) {
                return;
            }
            Timing.sleep(25, "slapd");
        }
        throw new IOException("slapd did not answer on " + ldapUrl() + " within " + START_TIMEOUT.toSeconds()
                + " s, log:\n" + ChildProcesses.readLog(logFile));
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    // ------------------------------------------------------------------ helpers

    private static Optional<Path> schemaDir() {
        return SCHEMA_DIRS.stream().map(Path::of)
                .filter(d -> Stream.of("core", "cosine", "nis", "inetorgperson")
                        .allMatch(s -> Files.isReadable(d.resolve(s + ".schema"))))
                .findFirst();
    }

    private static Optional<Path> moduleDir() {
        return MODULE_DIRS.stream().map(Path::of)
                .filter(d -> Files.exists(d.resolve("back_mdb.so")) || Files.exists(d.resolve("back_mdb.la")))
                .findFirst();
    }

    /** A slapd.conf argument in double quotes. */
    private static String q(Object value) {
        String s = value.toString();
        if (s.contains("\"") || s.contains("\n")) {
            throw new IllegalArgumentException("cannot quote for slapd.conf: " + s);
        }
        return "\"" + s + "\"";
    }
}
