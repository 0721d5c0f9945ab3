package io.dirsync.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real LDAP server a test started on 127.0.0.1 ({@link Slapd}, {@link SambaAd}): its ports, its administrator and
 * the test CA that signed its certificate, and the settings that point dirsync at it.
 */
public interface LoopbackLdapServer {

    String HOST = "127.0.0.1";

    int ldapPort();

    int ldapsPort();

    String bindDn();

    String password();

    /** The CA and certificates the server was started with. */
    TestCertificates certificates();

    /** The server's folder: configuration, data, certificates, logs. */
    Path directory();

    /** What the server process printed. */
    Path logFile();

    default String host() {
        return HOST;
    }

    /** {@code ldap://127.0.0.1:<port>}; StartTLS works on it with {@link #caFile()}. */
    default String ldapUrl() {
        return "ldap://" + HOST + ":" + ldapPort();
    }

    /** {@code ldaps://127.0.0.1:<port>}. */
    default String ldapsUrl() {
        return "ldaps://" + HOST + ":" + ldapsPort();
    }

    /** PEM file of the CA that signed the server certificate. */
    default Path caFile() {
        return certificates().caFile();
    }

    /** PEM file of another CA, which signed nothing this server presents: for wrong-CA tests. */
    default Path untrustedCaFile() {
        return certificates().untrustedCaFile();
    }

    /** The connection settings of an instance reading this server over LDAPS, verified against the test CA. */
    default Map<String, String> connectionSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ldap.url", ldapsUrl());
        settings.put("ldap.ca-file", caFile().toString());
        settings.put("ldap.bind-dn", bindDn());
        settings.put("ldap.password", password());
        return settings;
    }
}
