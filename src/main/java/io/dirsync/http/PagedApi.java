package io.dirsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A remote directory's API as a reader sees it: every item of a list, read to its last page, or a failure. */
@FunctionalInterface
public interface PagedApi {

    List<JsonNode> list(URI first);

    /** Several lists, each to its last page, at most {@code concurrency} at a time; one failure fails them all. */
    default Map<URI, List<JsonNode>> lists(List<URI> firsts, int concurrency) {
        Map<URI, List<JsonNode>> lists = new LinkedHashMap<>();
        firsts.forEach(first -> lists.put(first, list(first)));
        return lists;
    }
}
