package io.dirsync.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static Schedule cron(String expression) {
        return Schedule.from(Settings.of(Map.of("sync.cron", expression)));
    }

    @Test
    void aValidCronIsTheSchedule() {
        assertThat(cron("0 0/15 * * * ?").description()).isEqualTo("on the cron schedule 0 0/15 * * * ?");
        assertThat(cron("0 0 6 ? * MON-FRI 2027").description()).contains("MON-FRI");
    }

    @Test
    void aBadFieldIsNamedWithItsPositionAndWhatQuartzSays() {
        assertThatThrownBy(() -> cron("0 0 25 * * ?")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid setting sync.cron=0 0 25 * * ?: field 3 (hours) '25': ")
                .hasMessageContaining("0 and 23");
        assertThatThrownBy(() -> cron("0 0/15 * * * FRY"))
                .hasMessageStartingWith("Invalid setting sync.cron=0 0/15 * * * FRY: field 6 (day of week) 'FRY': ");
        assertThatThrownBy(() -> cron("0 61 * * * ?")).hasMessageContaining("field 2 (minutes) '61'");
    }

    @Test
    void aUnixCronIsToldItLacksTheSeconds() {
        assertThatThrownBy(() -> cron("*/15 * * * *"))
                .hasMessageContaining("5 fields, a Unix cron").hasMessageContaining("0 */15 * * * ?");
    }

    @Test
    void bothDaysGivenIsWhatQuartzSays() {
        assertThatThrownBy(() -> cron("0 0 6 1 * MON")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid setting sync.cron=0 0 6 1 * MON: Support for specifying both a day-of-week AND a"
                        + " day-of-month parameter is not implemented. Expected");
    }
}
