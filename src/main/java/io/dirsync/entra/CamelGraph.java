package io.dirsync.entra;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.SourceException;
import io.dirsync.http.NextLinks;
import java.net.URI;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** {@link Graph} through the {@code graph-page} route, one exchange per page, next links followed to the end. */
final class CamelGraph implements Graph {

    private final ProducerTemplate template;

    CamelGraph(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public List<JsonNode> list(URI first) {
        return NextLinks.all(first, this::page, "entra.graph-url");
    }

    private NextLinks.Page page(URI url) {
        Exchange reply = template.request("direct:graph-page", exchange -> exchange.setProperty(GraphEndpoints.URL, url));
        if (reply.getException() != null) {
            throw reply.getException() instanceof RuntimeException runtime
                    ? runtime : new SourceException(reply.getException().getMessage(), reply.getException());
        }
        return reply.getMessage().getBody(NextLinks.Page.class);
    }
}
