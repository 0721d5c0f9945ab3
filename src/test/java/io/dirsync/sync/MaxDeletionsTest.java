package io.dirsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Settings;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaxDeletionsTest {

    @Test
    void aNumberIsAFixedLimit() {
        MaxDeletions max = MaxDeletions.parse("25");

        assertThat(max).isEqualTo(MaxDeletions.count(25));
        assertThat(max.limitFor(0)).isEqualTo(25);
        assertThat(max.limitFor(1000)).isEqualTo(25);
        assertThat(max).hasToString("25");
    }

    @Test
    void zeroAllowsNoRemoval() {
        assertThat(MaxDeletions.parse("0").limitFor(100)).isZero();
        assertThat(MaxDeletions.parse("0%").limitFor(100)).isZero();
    }

    @Test
    void aPercentageOfTheAppliedMembersRoundsUp() {
        MaxDeletions tenPercent = MaxDeletions.parse("10%");

        assertThat(tenPercent.limitFor(100)).isEqualTo(10);
        assertThat(tenPercent.limitFor(101)).isEqualTo(11);
        assertThat(tenPercent.limitFor(5)).isEqualTo(1);
        assertThat(tenPercent.limitFor(1)).isEqualTo(1);
        assertThat(tenPercent.limitFor(0)).isZero();
        assertThat(tenPercent).hasToString("10%");
    }

    @Test
    void decimalAndExtremePercentages() {
        assertThat(MaxDeletions.parse("12.5%").limitFor(8)).isEqualTo(1);
        assertThat(MaxDeletions.parse("12.5%").limitFor(9)).isEqualTo(2);
        assertThat(MaxDeletions.parse(" 100 % ").limitFor(37)).isEqualTo(37);
        assertThat(MaxDeletions.parse("12.50%")).hasToString("12.5%");
        assertThat(MaxDeletions.parse("10.0%")).isEqualTo(MaxDeletions.percent(new BigDecimal("10")));
    }

    @Test
    void theDefaultIsTenPercent() {
        assertThat(MaxDeletions.DEFAULT).isEqualTo(MaxDeletions.parse("10%"));
    }

    @Test
    void anythingElseIsAConfigurationErrorNamingTheKey() {
        for (String bad : new String[] {"-1", "101%", "-5%", "ten", "10 %%", "%", "1e3", "2.5", "0x10"}) {
            assertThatThrownBy(() -> MaxDeletions.parse(bad))
                    .as(bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Invalid setting sync.max-deletions=" + bad + ": expected");
        }
    }

    @Test
    void readFromTheSettingsWithTheKeyNamedWhenWrong() {
        assertThat(MaxDeletions.from(Settings.of(Map.of("sync.max-deletions", "25")))).isEqualTo(MaxDeletions.count(25));
        assertThat(MaxDeletions.from(Settings.of(Map.of()))).isEqualTo(MaxDeletions.DEFAULT);
        assertThatThrownBy(() -> MaxDeletions.from(Settings.of(Map.of("sync.max-deletions", "ten"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid setting sync.max-deletions=ten: expected a number of removals such as 25,"
                        + " or a percentage from 0% to 100% such as 10%.");
    }
}
