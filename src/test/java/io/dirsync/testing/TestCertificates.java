package io.dirsync.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Throwaway TLS files for a test server, made with {@code openssl} in one folder: {@code ca.pem},
 * the CA that signed {@code server.pem}; {@code untrusted-ca.pem}, a second CA that signed nothing
 * (for wrong-CA tests); and the server's key {@code server.key}.
 *
 * <p>The keys are EC P-256 (fast to make), written as unencrypted PKCS#8 ({@code BEGIN PRIVATE
 * KEY}, thanks to {@code -nodes}): GnuTLS, the TLS library of Debian's slapd and of Samba, reads
 * that and cannot load an encrypted key. Key files are mode 0600, which Samba insists on; the
 * servers run as this JVM's user, so they can still read them.
 */
record TestCertificates(Path caFile, Path untrustedCaFile, Path serverCertificate, Path serverKey,
                        Path clientCertificate, Path clientKey) {

    // openssl takes well under a second; the limit only stops a hang
    private static final Duration OPENSSL_TIMEOUT = Duration.ofMinutes(5);

    /** Where the files are in {@code folder} (made there by {@link #make}, or copied); makes nothing. */
    static TestCertificates in(Path folder) {
        return new TestCertificates(folder.resolve("ca.pem"), folder.resolve("untrusted-ca.pem"),
                folder.resolve("server.pem"), folder.resolve("server.key"),
                folder.resolve("client.pem"), folder.resolve("client.key"));
    }

    /**
     * Makes the CAs and the server certificate in {@code folder} (created when missing), valid for
     * {@code validity} (whole days) from now. {@code subjectAltNames} are in openssl's syntax
     * ({@code DNS:localhost}, {@code IP:127.0.0.1}); the first one's name is also the server
     * certificate's subject CN.
     */
    static TestCertificates make(Path folder, Duration validity, List<String> subjectAltNames) throws IOException {
        if (validity.toDays() < 1) {
            throw new IllegalArgumentException("openssl counts validity in whole days: " + validity);
        }
        Path tls = Files.createDirectories(folder);
        TestCertificates files = in(tls);
        Path cnf = tls.resolve("openssl.cnf");
        Files.writeString(cnf, opensslConfig(subjectAltNames), StandardCharsets.UTF_8);
        String openssl = RealServers.findExecutable("openssl").orElseThrow().toString();
        List<String> ecKey = List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes");
        String days = Long.toString(validity.toDays());
        for (String[] ca : new String[][] {{"ca", "dirsync test CA"}, {"untrusted-ca", "dirsync untrusted test CA"}}) {
            List<String> cmd = new ArrayList<>(List.of(openssl, "req", "-config", cnf.toString(), "-x509"));
            cmd.addAll(ecKey);
            cmd.addAll(List.of("-keyout", ca[0] + ".key", "-out", ca[0] + ".pem", "-days", days,
                    "-subj", "/O=dirsync tests/CN=" + ca[1] + " " + serial(), "-extensions", "ca_ext",
                    "-set_serial", serial()));
            ChildProcesses.run(cmd, tls, OPENSSL_TIMEOUT, "making " + ca[0]);
        }
        String firstName = subjectAltNames.get(0);
        String serverName = firstName.substring(firstName.indexOf(':') + 1);
        List<String> csr = new ArrayList<>(List.of(openssl, "req", "-config", cnf.toString(), "-new"));
        csr.addAll(ecKey);
        csr.addAll(List.of("-keyout", "server.key", "-out", "server.csr", "-subj", "/O=dirsync tests/CN=" + serverName));
        ChildProcesses.run(csr, tls, OPENSSL_TIMEOUT, "making the server key");
        ChildProcesses.run(List.of(openssl, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-set_serial", serial(), "-days", days, "-out", "server.pem",
                "-extfile", cnf.toString(), "-extensions", "server_ext"), tls, OPENSSL_TIMEOUT,
                "signing the server certificate");
        Files.delete(tls.resolve("server.csr"));
        // a client certificate from the same CA, for servers that ask for one (ldap.client-cert / ldap.client-key)
        List<String> clientCsr = new ArrayList<>(List.of(openssl, "req", "-config", cnf.toString(), "-new"));
        clientCsr.addAll(ecKey);
        clientCsr.addAll(List.of("-keyout", "client.key", "-out", "client.csr", "-subj", "/O=dirsync tests/CN=dirsync"));
        ChildProcesses.run(clientCsr, tls, OPENSSL_TIMEOUT, "making the client key");
        ChildProcesses.run(List.of(openssl, "x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-set_serial", serial(), "-days", days, "-out", "client.pem",
                "-extfile", cnf.toString(), "-extensions", "client_ext"), tls, OPENSSL_TIMEOUT,
                "signing the client certificate");
        Files.delete(tls.resolve("client.csr"));
        for (String key : List.of("ca.key", "untrusted-ca.key", "server.key", "client.key")) {
            setOwnerOnly(tls.resolve(key));
        }
        String head = Files.readString(files.serverKey()).lines().findFirst().orElse("");
        if (head.contains("ENCRYPTED")) {
            throw new IOException("openssl wrote an encrypted server key, which GnuTLS cannot load: " + head);
        }
        return files;
    }

    /**
     * The openssl.cnf {@link #make} writes: no dependence on the system's. Samba's template hash
     * covers it.
     */
    static String opensslConfig(List<String> subjectAltNames) {
        if (subjectAltNames.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one subject alternative name");
        }
        return String.join("\n",
                "[ req ]",
                "distinguished_name = req_dn",
                "prompt = no",
                "[ req_dn ]",
                "CN = unused",
                "[ ca_ext ]",
                "basicConstraints = critical, CA:TRUE",
                "keyUsage = critical, keyCertSign, cRLSign",
                "subjectKeyIdentifier = hash",
                "[ server_ext ]",
                "basicConstraints = critical, CA:FALSE",
                "keyUsage = critical, digitalSignature, keyEncipherment",
                "extendedKeyUsage = serverAuth",
                "subjectAltName = " + String.join(", ", subjectAltNames),
                "subjectKeyIdentifier = hash",
                "authorityKeyIdentifier = keyid",
                "[ client_ext ]",
                "basicConstraints = critical, CA:FALSE",
                "keyUsage = critical, digitalSignature",
                "extendedKeyUsage = clientAuth",
                "subjectKeyIdentifier = hash",
                "authorityKeyIdentifier = keyid",
                "");
    }

    private static String serial() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        bytes[0] &= 0x7f; // serials must be positive
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    private static void setOwnerOnly(Path key) throws IOException {
        try {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: nothing to tighten
        }
        if (!Files.isReadable(key)) {
            throw new IOException("key file not readable: " + key);
        }
    }
}
