package io.dirsync.ldap;

import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileKeyManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllSSLSocketVerifier;
import com.unboundid.util.ssl.TrustAllTrustManager;
import io.dirsync.ConfigurationException;
import io.dirsync.Messages;
import io.dirsync.SourceException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Opens a bound connection as {@link LdapSettings} say: plain, LDAPS or StartTLS, the server's certificate
 * and host name verified unless the operator explicitly allows an untrusted server.
 */
final class LdapConnector {

    static final int CONNECT_TIMEOUT_MILLIS = (int) TimeUnit.SECONDS.toMillis(15);
    /** bwdc's search time limit: expensive filters on big directories take minutes, not seconds. */
    static final long RESPONSE_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(5);

    private final LdapSettings settings;

    LdapConnector(LdapSettings settings) {
        this.settings = settings;
    }

    LDAPConnection open() {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        options.setResponseTimeoutMillis(RESPONSE_TIMEOUT_MILLIS);
        options.setFollowReferrals(false);
        // one search at a time per connection: reading in the calling thread saves a hand-off per entry
        options.setUseSynchronousMode(true);
        options.setSSLSocketVerifier(settings.allowUntrusted()
                ? TrustAllSSLSocketVerifier.getInstance()
                : new ServerNameVerifier());

        boolean ldaps = "ldaps".equalsIgnoreCase(settings.url().getScheme());
        LDAPConnection connection;
        try {
            connection = ldaps
                    ? new LDAPConnection(sslContext().getSocketFactory(), options)
                    : new LDAPConnection(options);
            connection.connect(settings.url().getHost(), settings.url().getPort());
        } catch (LDAPException e) {
            throw connectFailure(e);
        }
        try {
            if (settings.startTls()) {
                startTls(connection);
            }
            bind(connection);
            return connection;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void startTls(LDAPConnection connection) {
        try {
            ExtendedResult result = connection.processExtendedOperation(new StartTLSExtendedRequest(sslContext()));
            if (result.getResultCode() != ResultCode.SUCCESS) {
                throw new SourceException("StartTLS with " + settings.server() + " was refused: "
                        + describe(result.getResultCode(), result.getDiagnosticMessage())
                        + ". Check that the server has TLS configured, or use ldaps://.");
            }
        } catch (LDAPException e) {
            throw connectFailure(e);
        }
    }

    private void bind(LDAPConnection connection) {
        try {
            if (settings.bindDn().isEmpty()) {
                connection.getRootDSE(); // anonymous: the first request, where a refused TLS session shows
                return;
            }
            String dn = settings.bindDn().get();
            BindResult result = connection.bind(new SimpleBindRequest(dn, settings.password().orElseThrow().reveal()));
            if (result.getResultCode() != ResultCode.SUCCESS) {
                throw bindFailure(dn, result.getResultCode(), result.getDiagnosticMessage());
            }
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.SERVER_DOWN && usesTls()) {
                throw closedAfterHandshake(e);
            }
            if (e.getResultCode() == ResultCode.CONNECT_ERROR || e.getResultCode() == ResultCode.SERVER_DOWN) {
                throw connectFailure(e);
            }
            throw bindFailure(settings.bindDn().orElse("(anonymous)"), e.getResultCode(), e.getDiagnosticMessage());
        }
    }

    private boolean usesTls() {
        return settings.startTls() || "ldaps".equalsIgnoreCase(settings.url().getScheme());
    }

    /**
     * With TLS 1.3 a server that refuses the client's certificate (or its absence) says so only by closing the
     * connection at the first request, so that is what this looks like.
     */
    private SourceException closedAfterHandshake(LDAPException e) {
        String advice = settings.clientCert().isPresent()
                ? "it may not accept the certificate in ldap.client-cert (is it signed by a CA the server trusts?)"
                : "it may demand a client certificate: set ldap.client-cert and ldap.client-key";
        return new SourceException("TLS with " + settings.server() + " failed: the server closed the connection right"
                + " after the handshake; " + advice + ".", e);
    }

    private SourceException bindFailure(String dn, ResultCode code, String diagnostic) {
        if (code == ResultCode.INVALID_CREDENTIALS) {
            return new SourceException("LDAP bind as " + dn + " to " + settings.server()
                    + " was refused: invalid credentials. Check ldap.bind-dn and ldap.password.");
        }
        return new SourceException("LDAP bind as " + dn + " to " + settings.server() + " failed: "
                + describe(code, diagnostic) + ". Check ldap.bind-dn and ldap.password.");
    }

    private SSLContext sslContext() {
        try {
            TrustManager trust;
            if (settings.allowUntrusted()) {
                trust = new TrustAllTrustManager();
            } else if (settings.caFile().isPresent()) {
                trust = new PEMFileTrustManager(settings.caFile().get().toFile());
            } else {
                trust = JVMDefaultTrustManager.getInstance();
            }
            KeyManager key = null;
            if (settings.clientCert().isPresent()) {
                key = new PEMFileKeyManager(settings.clientCert().get().toFile(), settings.clientKey().orElseThrow().toFile());
            }
            return new SSLUtil(key, trust).createSSLContext();
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("Cannot use the TLS files in ldap.ca-file / ldap.client-cert / ldap.client-key: "
                    + Messages.oneLine(e.getMessage()) + ".");
        }
    }

    private SourceException connectFailure(LDAPException e) {
        String detail = rootMessage(e);
        if (isTlsProblem(e)) {
            return new SourceException("TLS with " + settings.server() + " failed: " + detail
                    + ". Set ldap.ca-file to the CA that signed the server's certificate, and make sure the URL's host"
                    + " name is in that certificate (ldap.allow-untrusted=true only for a lab).", e);
        }
        return new SourceException("Cannot connect to LDAP server " + settings.server() + ": " + detail
                + ". Check ldap.url and that the server is reachable.", e);
    }

    private static boolean isTlsProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.cert.CertificateException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("certificate") || message.contains("SSL") || message.contains("TLS"))) {
                return true;
            }
        }
        return false;
    }

    static String describe(ResultCode code, String diagnostic) {
        String name = code.getName() + " (" + code.intValue() + ")";
        return diagnostic == null || diagnostic.isBlank() ? name : name + ", " + Messages.oneLine(diagnostic);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e && e instanceof LDAPException ldap ? ldap.getDiagnosticMessage() : root.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getMessage();
        }
        return Messages.oneLine(message == null ? root.getClass().getSimpleName() : message);
    }

}
