package io.dirsync.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.SSLSocketVerifier;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * The check that the LDAP server's certificate is for the host in {@code ldap.url}: UnboundID's, except at a
 * loopback IP address, which UnboundID lets any certificate pass; there the certificate must list that address
 * (an IP subject alternative name), as anywhere else.
 */
final class ServerNameVerifier extends SSLSocketVerifier {

    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9a-fA-F:]*:[0-9a-fA-F:.]*]?");
    /** The type of an IP address in {@link X509Certificate#getSubjectAlternativeNames()}. */
    private static final int IP_ADDRESS = 7;

    private final HostNameSSLSocketVerifier names = new HostNameSSLSocketVerifier(true);

    @Override
    public void verifySSLSocket(String host, int port, SSLSocket socket) throws LDAPException {
        InetAddress address = loopbackLiteral(host);
        if (address == null) {
            names.verifySSLSocket(host, port, socket);
            return;
        }
        List<String> listed = new ArrayList<>();
        try {
            X509Certificate certificate = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            for (List<?> name : alternatives == null ? List.<List<?>>of() : alternatives) {
                listed.add(String.valueOf(name.get(1)));
                if (name.get(0) instanceof Integer type && type == IP_ADDRESS
                        && address.equals(InetAddress.getByName(String.valueOf(name.get(1))))) {
                    return;
                }
            }
        } catch (SSLPeerUnverifiedException | CertificateParsingException | UnknownHostException e) {
            throw new LDAPException(ResultCode.CONNECT_ERROR, "cannot read the server's certificate: " + e.getMessage(), e);
        }
        throw new LDAPException(ResultCode.CONNECT_ERROR, "the server's certificate is not for " + host
                + " (it lists " + (listed.isEmpty() ? "no alternative names" : String.join(", ", listed)) + ")");
    }

    /** The loopback address {@code host} spells out, or null for a name or another address: no name is looked up. */
    private static InetAddress loopbackLiteral(String host) {
        if (!IP_LITERAL.matcher(host).matches()) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() ? address : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
