package io.dirsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class LogConfigurationTest {

    private final LoggerContext context = new LoggerContext();

    @Test
    void aLineIsTheTimestampTheLevelPaddedAndTheMessage() {
        String line = layout(event(Level.WARN, "Left out {}", null, "uid=ann"));

        assertThat(line).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) WARN  Left out uid=ann\\R");
        assertThat(layout(event(Level.ERROR, "failed", null))).contains(" ERROR failed");
    }

    @Test
    void aThrowableFollowsItsLineWithItsStack() {
        String line = layout(event(Level.INFO, "Cannot check", new IllegalStateException("boom")));

        assertThat(line.lines().toList()).hasSizeGreaterThan(2);
        assertThat(line.lines().skip(1).findFirst()).hasValue("java.lang.IllegalStateException: boom");
        assertThat(line.lines().skip(2).findFirst().orElseThrow()).startsWith("\tat io.dirsync.cli.LogConfigurationTest");
    }

    private String layout(LoggingEvent event) {
        LogConfiguration.LineLayout layout = new LogConfiguration.LineLayout();
        layout.setContext(context);
        layout.start();
        return layout.doLayout(event);
    }

    private LoggingEvent event(Level level, String message, Throwable throwable, Object... arguments) {
        return new LoggingEvent(LogConfigurationTest.class.getName(), context.getLogger("io.dirsync.test"), level,
                message, throwable, arguments);
    }
}
