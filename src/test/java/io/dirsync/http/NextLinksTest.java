package io.dirsync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.dirsync.SourceException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NextLinksTest {

    private static NextLinks.Page page(Optional<String> next, int... items) {
        List<JsonNode> nodes = new ArrayList<>();
        for (int item : items) {
            nodes.add(IntNode.valueOf(item));
        }
        return new NextLinks.Page(nodes, next);
    }

    @Test
    void followsEveryNextLinkEvenAfterAShortOrEmptyPage() {
        Map<String, NextLinks.Page> pages = Map.of(
                "https://graph.example/v1.0/users", page(Optional.of("https://graph.example/v1.0/users?$skiptoken=a"), 1, 2),
                "https://graph.example/v1.0/users?$skiptoken=a", page(Optional.of("/v1.0/users?$skiptoken=b")),
                "https://graph.example/v1.0/users?$skiptoken=b", page(Optional.empty(), 3));
        List<URI> asked = new ArrayList<>();

        List<JsonNode> all = NextLinks.all(URI.create("https://graph.example/v1.0/users"), url -> {
            asked.add(url);
            return pages.get(url.toString());
        }, "entra.graph-url");

        assertThat(all).extracting(JsonNode::asInt).containsExactly(1, 2, 3);
        assertThat(asked).hasSize(3);
    }

    @Test
    void aLinkToAnotherOriginIsRefused() {
        assertThatThrownBy(() -> NextLinks.all(URI.create("https://graph.example/v1.0/users"),
                url -> page(Optional.of("https://elsewhere.example/v1.0/users?$skiptoken=a"), 1), "entra.graph-url"))
                .isInstanceOf(SourceException.class).hasMessageContaining("another origin")
                .hasMessageContaining("entra.graph-url");
    }

    @Test
    void aListThatLeadsBackToAPageAlreadyReadFails() {
        assertThatThrownBy(() -> NextLinks.all(URI.create("https://graph.example/v1.0/users"),
                url -> page(Optional.of("https://graph.example/v1.0/users"), 1), "entra.graph-url"))
                .isInstanceOf(SourceException.class).hasMessageContaining("no end");
    }
}
