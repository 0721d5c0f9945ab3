package io.dirsync.google;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;

/** The Directory API as the reader sees it: every item of a list, read to its last page, or a failure. */
interface Directory {

    List<JsonNode> list(URI first);
}
