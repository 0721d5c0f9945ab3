package io.dirsync.observe;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Counts the requests sent again to one remote API, as {@code dirsync_http_retries_total{target}}: the
 * {@code onRedelivery} step of its error handler, so it counts what the retry policy decided to send again.
 * Counts nothing when Camel serves no metrics.
 */
public class RetryMeter implements Processor, CamelContextAware {

    private String target;
    private CamelContext camelContext;

    /** What the retried requests go to, e.g. {@code bitwarden}. */
    public void setTarget(String target) {
        this.target = target;
    }

    @Override
    public void process(Exchange exchange) {
        MeterRegistry registry = camelContext.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            registry.counter("dirsync.http.retries", "target", target).increment();
        }
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
