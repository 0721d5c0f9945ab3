package io.dirsync.entra;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;

/** Microsoft Graph as the reader sees it: every item of a list, read to its last page, or a failure. */
interface Graph {

    List<JsonNode> list(URI first);
}
