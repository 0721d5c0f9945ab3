package io.dirsync.filter;

import io.dirsync.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * bwdc's filter grammar for the cloud sources (bwdc-providers.md §1.3): {@code keyword:value,value} clauses separated
 * by {@code |}, keywords case-insensitive, values trimmed. Each source says which keywords it knows and where; this
 * reads the text once, strictly: what bwdc silently ignores (an unknown keyword, a clause without or with a second
 * {@code :}, an empty list) is a configuration error naming the setting, before any call is made.
 */
public final class BwdcFilter {

    /** One {@code keyword:values} clause; the keyword as the source spells it. */
    public record Clause(String keyword, Set<String> values) {
    }

    private BwdcFilter() {
    }

    /**
     * The clauses of {@code text}, set in {@code key}.
     *
     * @param keywords the keywords the source knows, in its spelling
     */
    public static List<Clause> clauses(String key, String text, List<String> keywords) {
        List<Clause> clauses = new ArrayList<>();
        for (String part : text.split("\\|", -1)) {
            clauses.add(clause(key, text, part.strip(), keywords));
        }
        return clauses;
    }

    private static Clause clause(String key, String text, String part, List<String> keywords) {
        int colon = part.indexOf(':');
        if (part.isEmpty() || colon < 0 || part.indexOf(':', colon + 1) >= 0) {
            throw invalid(key, text, (part.isEmpty() ? "an empty clause" : "\"" + part + "\"")
                    + " is not keyword:value,value (exactly one ':')", keywords);
        }
        String written = part.substring(0, colon).strip();
        String keyword = keywords.stream().filter(k -> k.equalsIgnoreCase(written)).findFirst()
                .orElseThrow(() -> invalid(key, text, "unknown keyword \"" + written + "\"", keywords));
        Set<String> values = new LinkedHashSet<>();
        for (String value : part.substring(colon + 1).split(",")) {
            if (!value.isBlank()) {
                values.add(value.strip());
            }
        }
        if (values.isEmpty()) {
            throw invalid(key, text, keyword + ": lists nothing", keywords);
        }
        return new Clause(keyword, values);
    }

    /** A configuration error about {@code text} in {@code key}, naming the keywords the source knows. */
    public static ConfigurationException invalid(String key, String text, String why, List<String> keywords) {
        return new ConfigurationException("Invalid setting " + key + "=" + text.strip() + ": " + why + "; expected "
                + String.join(":…, ", keywords) + ":… (bwdc's filter grammar).");
    }

    /** Values compared as bwdc compares them: lower-cased. */
    public static Set<String> lowerCased(Set<String> values) {
        Set<String> lower = new LinkedHashSet<>();
        values.forEach(value -> lower.add(value.toLowerCase(Locale.ROOT)));
        return lower;
    }
}
