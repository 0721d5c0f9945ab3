package io.dirsync.observe;

import io.dirsync.model.Snapshot;
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

/**
 * Steps of the schedule route after each run: the outcome goes to the {@link SyncHealthCheck} and, when Camel
 * serves metrics ({@code camel.metrics.enabled}, its {@link MeterRegistry} in the registry), to {@link SyncMeters}.
 */
public class SyncObservations implements CamelContextAware {

    /** The exchange property the sync route keeps the directory's snapshot in, for the counts of what it read. */
    public static final String SNAPSHOT = "dirsyncSnapshot";

    private final AtomicReference<RunOutcome> last = new AtomicReference<>();
    private final Clock clock;
    private CamelContext camelContext;
    private volatile Optional<SyncMeters> meters;

    public SyncObservations() {
        this(Clock.systemUTC(), null);
    }

    /** For tests: this clock, and these meters (null: those of the Camel context's registry, if any). */
    SyncObservations(Clock clock, SyncMeters meters) {
        this.clock = clock;
        this.meters = meters == null ? null : Optional.of(meters);
    }

    public void succeeded(@ExchangeProperty(SNAPSHOT) Snapshot read, @ExchangeProperty(SyncRun.CHANGES) ChangeSet changes,
            Exchange exchange) {
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

    private static Instant started(Exchange exchange) {
        return Instant.ofEpochMilli(exchange.getClock().getCreated());
    }

    /** Found once the context serves metrics: Camel binds its registry while it starts, after the routes' beans. */
    private synchronized Optional<SyncMeters> meters() {
        if (meters == null && camelContext != null) {
            MeterRegistry registry = camelContext.getRegistry().findSingleByType(MeterRegistry.class);
            meters = Optional.ofNullable(registry).map(SyncMeters::new);
        }
        return meters == null ? Optional.empty() : meters;
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
