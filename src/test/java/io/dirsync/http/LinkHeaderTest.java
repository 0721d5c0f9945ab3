package io.dirsync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void findsNextAmongSeparateHeadersAsOktaSendsThem() {
        List<String> headers = List.of("<https://example.okta.com/api/v1/users?limit=200>; rel=\"self\"",
                "<https://example.okta.com/api/v1/users?after=00ud4tVDDXYVKPXKVLCO&limit=200>; rel=\"next\"");

        assertThat(LinkHeader.next(headers))
                .contains("https://example.okta.com/api/v1/users?after=00ud4tVDDXYVKPXKVLCO&limit=200");
    }

    @Test
    void findsNextInOneHeaderJoinedWithCommasInAnyOrder() {
        assertThat(LinkHeader.next("<https://x/next?a=1>; rel=next, <https://x/self>; rel=\"self\""))
                .contains("https://x/next?a=1");
        assertThat(LinkHeader.next("<https://x/self>;rel=\"self\",<https://x/n>; title=\"more\"; rel=\"prev NEXT\""))
                .contains("https://x/n");
    }

    @Test
    void noNextIsTheEnd() {
        assertThat(LinkHeader.next("<https://x/self>; rel=\"self\"")).isEmpty();
        assertThat(LinkHeader.next(List.of("<https://x/self>; rel=\"self\""))).isEmpty();
        assertThat(LinkHeader.next(null)).isEmpty();
        assertThat(LinkHeader.next("<https://x/nextish>; rel=\"nextpage\"")).isEmpty();
    }
}
