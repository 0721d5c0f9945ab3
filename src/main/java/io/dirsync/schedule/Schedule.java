package io.dirsync.schedule;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Key;
import io.dirsync.config.Settings;
import io.dirsync.config.SettingsKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * When {@code dirsync run} syncs after its first run, which is at once (on taking the lead): {@code sync.cron} (a
 * Quartz cron expression, 6 or 7 fields) wins over {@code sync.interval} (minutes, as bwdc; default 5). Either way
 * Quartz never starts a run while the previous one is still going.
 */
public record Schedule(String description, String quartzUri) {

    public static final String URI_PROPERTY = "dirsync.schedule";
    static final int DEFAULT_INTERVAL_MINUTES = 5;

    public static Schedule from(Settings settings) {
        var cron = settings.optional("sync.cron");
        if (cron.isPresent()) {
            String expression = cron.get();
            CronFields.problem(expression).ifPresent(problem -> {
                throw new ConfigurationException("Invalid setting sync.cron=" + expression + ": " + problem
                        + ". Expected a Quartz cron expression of 6 or 7 fields, e.g. 0 0/15 * * * ? (every 15 minutes).");
            });
            return new Schedule("on the cron schedule " + expression,
                    "quartz://dirsync/sync?stateful=true&cron=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
        }
        int minutes = settings.integer("sync.interval", DEFAULT_INTERVAL_MINUTES, 1, 7 * 24 * 60);
        return new Schedule("every " + minutes + " minute" + (minutes == 1 ? "" : "s"),
                "quartz://dirsync/sync?stateful=true&trigger.repeatCount=-1&trigger.repeatInterval="
                        + Duration.ofMinutes(minutes).toMillis()
                        // the first run is the one on taking the lead (schedule.camel.yaml): the ticks start after it
                        + "&triggerStartDelay=" + Duration.ofMinutes(minutes).toMillis());
    }

    public static final class Keys implements SettingsKeys {
        @Override
        public List<Key> keys() {
            return List.of(Key.of("sync.interval").checkedBy(Schedule::from), Key.of("sync.cron").checkedBy(Schedule::from));
        }
    }
}
