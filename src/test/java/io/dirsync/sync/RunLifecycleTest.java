package io.dirsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dirsync.RepeatedWarnings;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RunLifecycleTest {

    private final Logger log = (Logger) LoggerFactory.getLogger("io.dirsync.test.repeated");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        RepeatedWarnings.forget();
        log.setLevel(Level.WARN);
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        log.detachAppender(logged);
        RepeatedWarnings.forget();
    }

    @Test
    void aTickSkippedBecauseARunHoldsTheLockDoesNotMakeTheNextRunRepeatItsWarnings() {
        RepeatedWarnings.warn(log, "Left out user uid=nomail: no email");
        // a tick comes while that run still holds the lock: it never took the lock, so it ends no run
        new RunLifecycle().release(new DefaultExchange(new DefaultCamelContext()));
        RepeatedWarnings.runEnded();

        RepeatedWarnings.warn(log, "Left out user uid=nomail: no email");

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Left out user uid=nomail: no email");
    }
}
