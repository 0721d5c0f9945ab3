package io.dirsync.bitwarden;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static BitwardenException unreachable(Throwable failure) {
        return BitwardenResponse.unreachable(URL, failure);
    }

    @Test
    void anUnknownHostIsFinalAndNamed() {
        BitwardenException failure = unreachable(new UnknownHostException("vault.example.com"));

        assertThat(failure).isNotInstanceOf(BitwardenUnavailableException.class)
                .hasMessage("Cannot reach Bitwarden at " + URL + ": unknown host vault.example.com. Check bitwarden.url"
                        + " (and bitwarden.api-url / bitwarden.identity-url) and the DNS.");
    }

    @Test
    void aCertificateThatDoesNotVerifyIsFinalAndPointsAtTheCaFile() {
        SSLHandshakeException pkix = new SSLHandshakeException("PKIX path building failed");
        pkix.initCause(new CertificateException("unable to find valid certification path to requested target"));

        assertThat(unreachable(pkix)).isNotInstanceOf(BitwardenUnavailableException.class)
                .hasMessageContaining("does not verify").hasMessageContaining("bitwarden.ca-file");
    }

    @Test
    void aCertificateForAnotherNameIsFinal() {
        assertThat(unreachable(new SSLPeerUnverifiedException("Certificate for <vault.example.com> doesn't match")))
                .isNotInstanceOf(BitwardenUnavailableException.class).hasMessageContaining("not for that host name");
    }

    @Test
    void tlsToAPlainHttpPortIsFinal() {
        assertThat(unreachable(new SSLException("Unsupported or unrecognized SSL message")))
                .isNotInstanceOf(BitwardenUnavailableException.class).hasMessageContaining("does not speak TLS");
        assertThat(unreachable(new ConnectTimeoutException("Connect to https://vault.example.com:443 failed: Read timed out")))
                .isNotInstanceOf(BitwardenUnavailableException.class).hasMessageContaining("did not answer the TLS handshake");
    }

    @Test
    void nothingListeningIsANoConnection() {
        assertThat(unreachable(new HttpHostConnectException("Connect to https://vault.example.com:443 failed: Connection refused")))
                .isInstanceOf(NoConnectionException.class).hasMessageContaining("Connection refused");
        assertThat(unreachable(new ConnectException("Connection refused"))).isInstanceOf(NoConnectionException.class);
        assertThat(unreachable(new ConnectTimeoutException("Connect to https://vault.example.com:443 failed: Connect timed out")))
                .isInstanceOf(NoConnectionException.class);
    }

    @Test
    void noAnswerInTimeIsRetriedNamingTheTimeout() {
        assertThat(unreachable(new SocketTimeoutException("Read timed out")))
                .isInstanceOf(BitwardenUnavailableException.class).isNotInstanceOf(NoConnectionException.class)
                .hasMessageContaining("bitwarden.request-timeout");
    }
}
