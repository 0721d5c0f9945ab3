package io.dirsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.SourceException;
import io.dirsync.config.RemoteApi;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a paged list to its end: each page names the next one, until one does not. A page size is a maximum, so a
 * short page never ends the list; a next link must stay on the configured origin ({@link RemoteApi#sameOrigin}).
 */
public final class NextLinks {

    /** One page: its items, and the link to the next page when there is one. */
    public record Page(List<JsonNode> items, Optional<String> next) {

        /** The page of the JSON array {@code items}, followed by the page {@code next} links to, when it does. */
        public static Page of(JsonNode items, Optional<String> next) {
            List<JsonNode> list = new ArrayList<>(items.size());
            items.forEach(list::add);
            return new Page(list, next.filter(link -> !link.isBlank()));
        }
    }

    private NextLinks() {
    }

    /**
     * Every item of the list that starts at {@code first}.
     *
     * @param get fetches one page (and fails the whole list when it cannot)
     * @param key the setting that names the API's URL, for a refused link's message
     */
    public static List<JsonNode> all(URI first, Function<URI, Page> get, String key) {
        List<JsonNode> items = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        URI url = first;
        while (url != null) {
            if (!seen.add(url)) {
                throw new SourceException("The server answered a next link it had answered before, " + url
                        + ", so its list has no end: the read stops here, failed. Check " + key + ".");
            }
            Page page = get.apply(url);
            items.addAll(page.items());
            url = page.next().map(link -> RemoteApi.sameOrigin(first, link, key)).orElse(null);
        }
        return items;
    }
}
