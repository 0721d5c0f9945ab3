package io.dirsync.schedule;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import org.quartz.CronExpression;

/**
 * What is wrong with a Quartz cron expression, field by field, for the operator: which field Quartz refuses and why,
 * or that a 5-field Unix cron lacks the seconds Quartz starts with.
 */
final class CronFields {

    static final List<String> NAMES = List.of("seconds", "minutes", "hours", "day of month", "month", "day of week",
            "year");
    /** A valid expression to try one field in at a time: day of month and day of week take turns with '?'. */
    private static final List<String> NEUTRAL = List.of("0", "0", "0", "?", "*", "*", "*");
    private static final int DAY_OF_MONTH = 3;
    private static final int DAY_OF_WEEK = 5;

    private CronFields() {
    }

    /** Why {@code expression} is not a Quartz cron expression, or empty when it is one. */
    static Optional<String> problem(String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length == 5) {
            return Optional.of("5 fields, a Unix cron: Quartz starts with seconds, so write 0 " + expression.trim()
                    .replaceFirst("^(\\S+ \\S+ \\S+ \\S+ )\\*$", "$1?") + " (with ? in day of month or day of week)");
        }
        if (fields.length < 6 || fields.length > 7) {
            return Optional.of(fields.length + " fields, where Quartz takes 6 or 7 (seconds minutes hours day-of-month"
                    + " month day-of-week [year])");
        }
        for (int i = 0; i < fields.length; i++) {
            String[] probe = NEUTRAL.subList(0, fields.length).toArray(new String[0]);
            probe[i] = fields[i];
            if (i == DAY_OF_MONTH || i == DAY_OF_WEEK) {
                probe[i == DAY_OF_MONTH ? DAY_OF_WEEK : DAY_OF_MONTH] = fields[i].equals("?") ? "*" : "?";
            }
            Optional<String> refused = refusal(String.join(" ", probe));
            if (refused.isPresent()) {
                return Optional.of("field " + (i + 1) + " (" + NAMES.get(i) + ") '" + fields[i] + "': " + refused.get());
            }
        }
        return refusal(expression);
    }

    private static Optional<String> refusal(String expression) {
        try {
            CronExpression.validateExpression(expression);
            return Optional.empty();
        } catch (ParseException e) {
            return Optional.of(e.getMessage() == null ? "not valid" : e.getMessage().trim().replaceAll("\\.+$", ""));
        }
    }
}
