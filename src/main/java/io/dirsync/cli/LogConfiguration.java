package io.dirsync.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How dirsync logs, set in code rather than in a logback.xml: parsing XML at every start costs a quarter of a second
 * that a command run every few minutes should not pay. stdout carries only a command's result; every log line goes
 * to stderr, as text or, with {@code DIRSYNC_LOG_FORMAT=json} (an environment variable or a system property), as one
 * JSON object per line. An operator's own file ({@code -Dlogback.configurationFile=...}) still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    static final String FORMAT_VARIABLE = "DIRSYNC_LOG_FORMAT";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(json() ? jsonEncoder(context) : textEncoder(context));
        stderr.start();

        context.getLogger("io.dirsync").setLevel(Level.INFO);
        // a failure is reported once, as one line, by the command; -v brings Camel's own logs back
        context.getLogger("org.apache.camel").setLevel(Level.OFF);
        // but a leader election that cannot reach its Lease (RBAC, API server) must not keep every replica idle in silence
        context.getLogger("org.apache.camel.component.kubernetes.cluster").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean json() {
        String format = System.getProperty(FORMAT_VARIABLE, System.getenv(FORMAT_VARIABLE));
        return "json".equalsIgnoreCase(format);
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        LineLayout layout = new LineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    /**
     * What the pattern {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %msg%n} writes, a throwable's stack under its
     * line, written without logback's pattern parser: loading it and its sixty converters costs every command a
     * twentieth of a second.
     */
    static final class LineLayout extends LayoutBase<ILoggingEvent> {
        private static final DateTimeFormatter TIMESTAMP =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneId.systemDefault());

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(128)
                    .append(TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())))
                    .append(' ');
            String level = event.getLevel().toString();
            line.append(level).append(" ".repeat(Math.max(1, 6 - level.length())))
                    .append(event.getFormattedMessage())
                    .append(CoreConstants.LINE_SEPARATOR);
            IThrowableProxy throwable = event.getThrowableProxy();
            if (throwable != null) {
                line.append(ThrowableProxyUtil.asString(throwable)).append(CoreConstants.LINE_SEPARATOR);
            }
            return line.toString();
        }
    }

    /** One object per line: timestamp (epoch milliseconds), level, loggerName, formattedMessage, throwable. */
    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithThreadName(false);
        encoder.setWithContext(false);
        encoder.setWithMDC(false);
        encoder.setWithKVPList(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }
}
