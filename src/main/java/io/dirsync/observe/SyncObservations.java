package io.dirsync.observe;

import io.dirsync.http.Retries;
import io.dirsync.sync.ChangeSet;
import io.dirsync.sync.SyncRun;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Registry;

/**
 * Steps of the schedule route after each run: the outcome goes to the {@link SyncHealthCheck} and, when Camel
 * serves metrics ({@code camel.metrics.enabled}, its {@link MeterRegistry} in the registry), to {@link SyncMeters}.
 */
public class SyncObservations implements CamelContextAware {

    static final String METERS = "dirsyncMeters";

    private final AtomicReference<RunOutcome> last = new AtomicReference<>();
    private final Clock clock;
    private CamelContext camelContext;
    private final SyncMeters fixedMeters;

    public SyncObservations() {
        this(Clock.systemUTC(), null);
    }

    /** For tests: this clock, and these meters (null: those of the Camel context's registry, if any). */
    SyncObservations(Clock clock, SyncMeters meters) {
        this.clock = clock;
        this.fixedMeters = meters;
    }

    public void succeeded(@ExchangeProperty(RunOutcome.Read.PROPERTY) RunOutcome.Read read,
            @ExchangeProperty(SyncRun.CHANGES) ChangeSet changes, Exchange exchange) {
        record(RunOutcome.wentThrough(read, changes, started(exchange), clock.instant()));
    }

    public void failed(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RunOutcome.failed(failure, started(exchange), clock.instant()).ifPresent(this::record);
    }

    /** The last run's outcome in this process; empty before its first run (a standby that never led). */
    public Optional<RunOutcome> last() {
        return Optional.ofNullable(last.get());
    }

    private void record(RunOutcome outcome) {
        last.set(outcome);
        meters().ifPresent(m -> m.record(outcome));
    }

    /** When the run began, by the clock its end is read on ({@link Retries#RUN_STARTED}), else when its exchange was made. */
    private static Instant started(Exchange exchange) {
        Instant started = exchange.getProperty(Retries.RUN_STARTED, Instant.class);
        return started != null ? started : Instant.ofEpochMilli(exchange.getClock().getCreated());
    }

    /**
     * The context's meters, made once per context and kept in its registry: Camel's YAML DSL creates a route file's
     * beans twice (once to look ahead, once for good), and two sets of gauges would leave the scraped one at zero.
     * Empty while Camel serves no metrics (its registry binds a {@link MeterRegistry} as it starts).
     */
    private Optional<SyncMeters> meters() {
        if (fixedMeters != null) {
            return Optional.of(fixedMeters);
        }
        if (camelContext == null) {
            return Optional.empty();
        }
        Registry beans = camelContext.getRegistry();
        synchronized (beans) {
            SyncMeters found = beans.lookupByNameAndType(METERS, SyncMeters.class);
            if (found == null) {
                MeterRegistry registry = beans.findSingleByType(MeterRegistry.class);
                if (registry == null) {
                    return Optional.empty();
                }
                found = new SyncMeters(registry);
                beans.bind(METERS, found);
            }
            return Optional.of(found);
        }
    }

    /** Registers the meters as the context starts, so that a scrape before the first run sees them at zero. */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        try {
            camelContext.addStartupListener((context, alreadyStarted) -> meters());
        } catch (Exception e) {
            throw RuntimeCamelException.wrapRuntimeCamelException(e);
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
