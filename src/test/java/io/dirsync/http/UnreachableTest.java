package io.dirsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.SourceException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class UnreachableTest {

    private final Unreachable okta = new Unreachable("Okta", "okta", "okta.org-url");

    @Test
    void anUnknownHostOrATlsFailureFailsTheReadSayingWhatToCheck() {
        SourceException host = okta.of("https://acme.okta.com", new UnknownHostException("acme.okta.com"));
        assertThat(host).isNotInstanceOf(UnavailableException.class).hasMessage("Cannot reach Okta at"
                + " https://acme.okta.com: unknown host acme.okta.com. Check okta.org-url and the DNS.");

        SourceException tls = okta.of("https://acme.okta.com", new SSLHandshakeException("PKIX path building failed"));
        assertThat(tls).isNotInstanceOf(UnavailableException.class).hasMessageContaining("Set okta.ca-file");
    }

    @Test
    void noConnectionIsWorthTheBriefRetriesOfAServerError() {
        for (Exception cause : new Exception[] {new ConnectException("Connection refused"),
                new SocketTimeoutException("Read timed out"), new IllegalStateException("whatever")}) {
            assertThat(okta.of("", cause)).isInstanceOfSatisfying(UnavailableException.class, e -> {
                assertThat(e.kind()).isEqualTo(UnavailableException.Kind.SERVER_ERROR);
                assertThat(e.getMessage()).startsWith("Cannot reach Okta: ").endsWith("Check the network and okta.proxy.");
            });
        }
    }
}
