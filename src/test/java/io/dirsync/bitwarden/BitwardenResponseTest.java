package io.dirsync.bitwarden;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.DirsyncException;
import io.dirsync.http.UnavailableException;
import io.dirsync.http.UnavailableException.Kind;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.junit.jupiter.api.Test;

/** Why a request got no answer, as camel-http's client reports it: what cannot heal is final, the rest retried. */
class BitwardenResponseTest {

    private static final String URL = "https://vault.example.com/identity/connect/token";

    private static DirsyncException unreachable(Throwable failure) {
        return BitwardenResponse.unreachable(URL, failure);
    }

    @Test
    void anUnknownHostIsFinalAndNamed() {
        DirsyncException failure = unreachable(new UnknownHostException("vault.example.com"));

        assertThat(failure).isInstanceOf(BitwardenException.class)
                .hasMessage("Cannot reach Bitwarden at " + URL + ": unknown host vault.example.com. Check bitwarden.url"
                        + " (and bitwarden.api-url / bitwarden.identity-url) and the DNS.");
    }

    @Test
    void aCertificateThatDoesNotVerifyIsFinalAndPointsAtTheCaFile() {
        SSLHandshakeException pkix = new SSLHandshakeException("PKIX path building failed");
        pkix.initCause(new CertificateException("unable to find valid certification path to requested target"));

        assertThat(unreachable(pkix)).isInstanceOf(BitwardenException.class)
                .hasMessageContaining("does not verify").hasMessageContaining("bitwarden.ca-file");
    }

    @Test
    void aCertificateForAnotherNameIsFinal() {
        assertThat(unreachable(new SSLPeerUnverifiedException("Certificate for <vault.example.com> doesn't match")))
                .isInstanceOf(BitwardenException.class).hasMessageContaining("not for that host name");
    }

    @Test
    void tlsToAPlainHttpPortIsFinal() {
        assertThat(unreachable(new SSLException("Unsupported or unrecognized SSL message")))
                .isInstanceOf(BitwardenException.class).hasMessageContaining("does not speak TLS");
        assertThat(unreachable(new ConnectTimeoutException("Connect to https://vault.example.com:443 failed: Read timed out")))
                .isInstanceOf(BitwardenException.class).hasMessageContaining("did not answer the TLS handshake");
    }

    @Test
    void nothingListeningIsANoConnection() {
        assertThat(unreachable(new HttpHostConnectException("Connect to https://vault.example.com:443 failed: Connection refused")))
                .satisfies(BitwardenResponseTest::isNoConnection).hasMessageContaining("Connection refused");
        assertThat(unreachable(new ConnectException("Connection refused"))).satisfies(BitwardenResponseTest::isNoConnection);
        assertThat(unreachable(new ConnectTimeoutException("Connect to https://vault.example.com:443 failed: Connect timed out")))
                .satisfies(BitwardenResponseTest::isNoConnection);
    }

    @Test
    void noAnswerInTimeIsRetriedNamingTheTimeout() {
        assertThat(unreachable(new SocketTimeoutException("Read timed out")))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR))
                .hasMessageContaining("bitwarden.request-timeout");
    }

    private static void isNoConnection(DirsyncException failure) {
        assertThat(failure).isInstanceOfSatisfying(UnavailableException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.NO_CONNECTION));
    }
}
