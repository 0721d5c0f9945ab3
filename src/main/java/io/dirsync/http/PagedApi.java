package io.dirsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;

/** A remote directory's API as a reader sees it: every item of a list, read to its last page, or a failure. */
@FunctionalInterface
public interface PagedApi {

    List<JsonNode> list(URI first);
}
