package io.dirsync.sync;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Key;
import io.dirsync.config.Settings;
import io.dirsync.config.SettingsKeys;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code sync.max-deletions}: how many removals one run may make without {@code --allow-deletions}, applied on its
 * own to members removed and to memberships taken away ({@link DeletionGuard}). Either a whole number ({@code 25})
 * or a percentage of what dirsync last applied ({@code 10%}, decimals allowed, at most 100%), rounded up: 10% of 5
 * members allows 1.
 *
 * @param count   the fixed limit, when {@code percent} is null
 * @param percent the limit as a percentage of its base, or null for a fixed count
 */
public record MaxDeletions(long count, BigDecimal percent) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public static final String KEY = "sync.max-deletions";
    public static final MaxDeletions DEFAULT = percent(BigDecimal.TEN);

    public MaxDeletions {
        if (percent != null && (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0)) {
            throw new IllegalArgumentException("percent out of 0..100: " + percent);
        }
        if (percent == null && count < 0) {
            throw new IllegalArgumentException("negative count: " + count);
        }
    }

    public static MaxDeletions count(long count) {
        return new MaxDeletions(count, null);
    }

    public static MaxDeletions percent(BigDecimal percent) {
        return new MaxDeletions(0, percent.stripTrailingZeros());
    }

    public static MaxDeletions from(Settings settings) {
        return settings.optional(KEY).map(MaxDeletions::parse).orElse(DEFAULT);
    }

    /** Parses {@code 25} or {@code 10%}; anything else is a {@link ConfigurationException} naming the key. */
    public static MaxDeletions parse(String value) {
        String text = value.trim();
        try {
            if (text.endsWith("%")) {
                BigDecimal percent = new BigDecimal(text.substring(0, text.length() - 1).trim());
                if (percent.signum() >= 0 && percent.compareTo(HUNDRED) <= 0) {
                    return percent(percent);
                }
            } else if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
                return count(Long.parseLong(text));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException("Invalid setting " + KEY + "=" + value
                + ": expected a number of removals such as 25, or a percentage from 0% to 100% such as 10%.");
    }

    /** The most removals allowed out of {@code base} (the members, or the memberships, last applied). */
    public long limitFor(int base) {
        if (percent == null) {
            return count;
        }
        return percent.multiply(BigDecimal.valueOf(base))
                .divide(HUNDRED, 0, RoundingMode.CEILING)
                .longValueExact();
    }

    /** As the operator writes it: {@code 25} or {@code 10%}. */
    @Override
    public String toString() {
        return percent == null ? Long.toString(count) : percent.toPlainString() + "%";
    }

    public static final class Keys implements SettingsKeys {
        @Override
        public List<Key> keys() {
            return List.of(Key.of(KEY).checkedBy(MaxDeletions::from));
        }
    }
}
