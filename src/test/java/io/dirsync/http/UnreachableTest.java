package io.dirsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.DirsyncException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class UnreachableTest {

    private final Unreachable okta = new Unreachable("Okta", "okta", "okta.org-url");

    @Test
    void anUnknownHostOrATlsFailureFailsTheReadSayingWhatToCheck() {
        DirsyncException host = okta.of("https://acme.okta.com", new UnknownHostException("acme.okta.com"));
        assertThat(host).isNotInstanceOf(UnavailableException.class).hasMessage("Cannot reach Okta at"
                + " https://acme.okta.com: unknown host acme.okta.com. Check okta.org-url and the DNS.");

        DirsyncException tls = okta.of("https://acme.okta.com", new SSLHandshakeException("PKIX path building failed"));
        assertThat(tls).isNotInstanceOf(UnavailableException.class).hasMessageContaining("Set okta.ca-file");
    }

    @Test
    void noConnectionOrNoAnswerIsRetriesToDecide() {
        assertThat(okta.of("", new ConnectException("Connection refused"))).isInstanceOfSatisfying(
                UnavailableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UnavailableException.Kind.NO_CONNECTION);
                    assertThat(e.getMessage()).isEqualTo("Cannot reach Okta: Connection refused. Check okta.org-url, the"
                            + " network and okta.proxy.");
                });
        assertThat(okta.of("", new SocketTimeoutException("Read timed out"))).isInstanceOfSatisfying(
                UnavailableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UnavailableException.Kind.SERVER_ERROR);
                    assertThat(e.getMessage()).isEqualTo("Cannot reach Okta: no answer within okta.request-timeout.");
                });
        assertThat(okta.of("", new IllegalStateException("whatever"))).isInstanceOfSatisfying(
                UnavailableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(UnavailableException.Kind.SERVER_ERROR);
                    assertThat(e.getMessage()).isEqualTo("Cannot reach Okta: whatever. Check okta.org-url, the network"
                            + " and okta.proxy.");
                });
    }
}
