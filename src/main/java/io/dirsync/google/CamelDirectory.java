package io.dirsync.google;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.SourceException;
import io.dirsync.http.NextLinks;
import java.net.URI;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** {@link Directory} through the {@code google-page} route, one exchange per page, page tokens followed to the end. */
final class CamelDirectory implements Directory {

    private final ProducerTemplate template;

    CamelDirectory(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public List<JsonNode> list(URI first) {
        return NextLinks.all(first, this::page, "google.api-url");
    }

    private NextLinks.Page page(URI url) {
        Exchange reply = template.request("direct:google-page", exchange -> exchange.setProperty(GoogleEndpoints.URL, url));
        if (reply.getException() != null) {
            throw reply.getException() instanceof RuntimeException runtime
                    ? runtime : new SourceException(reply.getException().getMessage(), reply.getException());
        }
        return reply.getMessage().getBody(NextLinks.Page.class);
    }
}
