package io.dirsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A reader's API in its unit test: each list a JSON array, by the call it answers (what {@code call} makes of the
 * list's URL, say {@code groups/g1/members}); every call asked is added to {@code asked}, and a call with no list fails
 * as the API's 500 would.
 *
 * @param api the API's name in the failure, e.g. {@code Okta}
 */
public record ListsByCall(String api, Function<URI, String> call, Map<String, String> lists, List<String> asked)
        implements PagedApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<JsonNode> list(URI url) {
        String asking = call.apply(url);
        asked.add(asking);
        String list = lists.get(asking);
        if (list == null) {
            throw new SourceException(api + " answered 500 to GET " + url + ".");
        }
        try {
            List<JsonNode> items = new ArrayList<>();
            JSON.readTree(list).forEach(items::add);
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
