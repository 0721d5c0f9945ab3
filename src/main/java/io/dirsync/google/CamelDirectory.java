package io.dirsync.google;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.SourceException;
import io.dirsync.http.NextLinks;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** {@link Directory} through the {@code google-page} route, one exchange per page, page tokens followed to the end. */
final class CamelDirectory implements Directory {

    private final CamelContext context;
    private final ProducerTemplate template;

    CamelDirectory(CamelContext context) {
        this.context = context;
        this.template = context.createProducerTemplate();
    }

    @Override
    public List<JsonNode> list(URI first) {
        return NextLinks.all(first, this::page, "google.api-url");
    }

    /**
     * In parallel because most groups' members fit one page, so a domain's member lists cost one round trip per
     * group: 1,000 groups took 45 s one at a time against a fake answering in 45 ms, 12 s four at a time.
     */
    @Override
    public Map<URI, List<JsonNode>> lists(List<URI> firsts, int concurrency) {
        if (concurrency <= 1 || firsts.size() <= 1) {
            return Directory.super.lists(firsts, concurrency);
        }
        ExecutorService pool = context.getExecutorServiceManager().newFixedThreadPool(this, "google-members",
                concurrency);
        try {
            List<Future<List<JsonNode>>> pending = new ArrayList<>(firsts.size());
            firsts.forEach(first -> pending.add(pool.submit(() -> list(first))));
            Map<URI, List<JsonNode>> lists = new LinkedHashMap<>();
            for (int i = 0; i < firsts.size(); i++) {
                lists.put(firsts.get(i), pending.get(i).get());
            }
            return lists;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime
                    ? runtime : new SourceException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("The read of Google's group members was interrupted.", e);
        } finally {
            context.getExecutorServiceManager().shutdownNow(pool);
        }
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
