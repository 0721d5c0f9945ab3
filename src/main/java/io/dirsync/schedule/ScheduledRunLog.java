package io.dirsync.schedule;

import io.dirsync.DirsyncException;
import io.dirsync.RepeatedWarnings;
import io.dirsync.StateException;
import io.dirsync.observe.RunOutcome;
import io.dirsync.sync.SyncResult;
import io.dirsync.sync.SyncStoppedException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one line a scheduled run leaves in the log: its summary, or what failed and that it is tried again. */
public class ScheduledRunLog {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRunLog.class);

    public void succeeded(SyncResult result) {
        LOG.info("{}", result.summary());
        if (result.isHeld()) {
            RepeatedWarnings.warn(LOG, result.held() + " Until then every run holds them.");
        }
    }

    public void failed(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure instanceof SyncStoppedException stopped) {
            LOG.warn("{}", stopped.getMessage());
            return;
        }
        if (DirsyncException.within(failure).orElse(null) instanceof StateException.LockHeld held) {
            LOG.info("Skipped this tick: {}", held.getMessage());
            return;
        }
        LOG.error("Sync failed: {} It runs again at the next tick.", RunOutcome.cause(failure));
    }
}
