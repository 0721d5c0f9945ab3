package io.dirsync.entra;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.SourceException;
import io.dirsync.http.Answer;
import io.dirsync.http.NextLinks;
import io.dirsync.http.RoutedPages;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Message;

/**
 * One round of a Graph delta query: every page from where it starts (a {@code /delta} function's URL, for everything,
 * or a kept {@code @odata.deltaLink}, for what changed since) through each {@code @odata.nextLink} to the page that
 * ends it with the {@code @odata.deltaLink} the next round starts from. The items are as Graph sent them: a changed
 * object may carry only the properties that changed, one that is gone only its id and {@code @removed}, and the same
 * object may come more than once (a large group's members spread over pages, a change replayed); {@link TenantCopy}
 * merges them in order.
 *
 * @param items     every item of every page, in order
 * @param deltaLink where the next round starts
 */
record DeltaRound(List<JsonNode> items, String deltaLink) {

    /** The header {@link GraphResponse} sets on the page that ends a round: its {@code @odata.deltaLink}. */
    static final String LINK = "dirsyncDeltaLink";
    /** Graph's error codes for a delta link it no longer follows (the round must start over, from nothing). */
    private static final Set<String> RESYNC_CODES = Set.of("syncstatenotfound", "syncstateinvalid", "resyncrequired");

    /** Graph does not follow this delta link (any more): the read starts over with a full round. */
    static final class LinkRefused extends SourceException {
        private static final long serialVersionUID = 1L;

        LinkRefused(String message) {
            super(message);
        }
    }

    /** Reads a round, or fails like any list read ({@link LinkRefused} when Graph refuses where it starts). */
    @FunctionalInterface
    interface Reader {
        DeltaRound round(URI start);
    }

    /**
     * Whether Graph's answer refuses a delta link: 410 Gone (Graph resets a tenant's change tracking), or an error
     * with the code of an expired or unknown state token (directory objects' links last seven days).
     */
    static boolean refuses(Answer answer) {
        if (answer.status() == 410) {
            return true;
        }
        JsonNode code = answer.json().path("error").path("code");
        return answer.status() >= 400 && answer.status() < 500 && code.isTextual()
                && RESYNC_CODES.contains(code.asText().toLowerCase(Locale.ROOT));
    }

    /** Rounds read page by page through Graph's page route (its retries, its judging of answers). */
    static Reader through(RoutedPages pages) {
        return start -> {
            String[] last = new String[1];
            List<JsonNode> items = NextLinks.all(start, url -> {
                Message reply = pages.request(url);
                last[0] = reply.getHeader(LINK, String.class);
                return reply.getBody(NextLinks.Page.class);
            }, "entra.graph-url");
            if (last[0] == null) {
                throw new SourceException("Microsoft Graph ended the delta round that started at " + start + " without"
                        + " an @odata.deltaLink, so the read cannot go on from it. Check entra.graph-url.");
            }
            return new DeltaRound(items, last[0]);
        };
    }
}
