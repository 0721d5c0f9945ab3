package io.dirsync.filter;

import io.dirsync.ConfigurationException;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryUser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * bwdc's filter grammar for the cloud sources (bwdc-providers.md §1.3): {@code keyword:value,value} clauses separated
 * by {@code |}, keywords case-insensitive, values trimmed. Each source says which keywords it knows and where; this
 * reads the text once, strictly: what bwdc silently ignores (an unknown keyword, a clause without or with a second
 * {@code :}, an empty list) is a configuration error naming the setting, before any call is made.
 */
public final class BwdcFilter {

    /**
     * One {@code keyword:values} clause; the keyword as the source spells it.
     *
     * @param compared the values lower-cased, as {@link #keeps} compares them: made once, not for every user
     */
    public record Clause(String keyword, Set<String> values, Set<String> compared) {

        public Clause(String keyword, Set<String> values) {
            this(keyword, values, lowerCased(values));
        }

        /**
         * Whether an {@code include:} or {@code exclude:} list keeps {@code value}, compared as bwdc compares it:
         * trimmed, lower-cased, a missing value as {@code --}.
         */
        public boolean keeps(String value) {
            String asCompared = value == null ? "--" : value.strip().toLowerCase(Locale.ROOT);
            return keyword.equals(INCLUDE) == compared.contains(asCompared);
        }
    }

    /**
     * bwdc's comparison for lists read into lower-cased sets: {@code value} trimmed and lower-cased ({@code missing}
     * when null) is kept when the include list, if any, holds it and the exclude list does not.
     */
    public static boolean keeps(Optional<Set<String>> include, Set<String> exclude, String value, String missing) {
        String compared = value == null ? missing : value.strip().toLowerCase(Locale.ROOT);
        return include.map(set -> set.contains(compared)).orElse(true) && !exclude.contains(compared);
    }

    /**
     * A filter of the sources with a query of their own (Okta, OneLogin, Google): an optional {@code include:} or
     * {@code exclude:} list, then, after {@code |}, the provider's query, passed on as written.
     */
    public record ListAndQuery(Optional<Clause> list, Optional<String> query) {

        public static final ListAndQuery NONE = new ListAndQuery(Optional.empty(), Optional.empty());

        public boolean keeps(String value) {
            return list.map(clause -> clause.keeps(value)).orElse(true);
        }
    }

    public static final String INCLUDE = "include";
    public static final String EXCLUDE = "exclude";
    private static final List<String> LIST_KEYWORDS = List.of(INCLUDE, EXCLUDE);

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

    /** The list and the query of {@code text}, set in {@code key}; {@code NONE} when the key is not set. */
    public static ListAndQuery listAndQuery(String key, Optional<String> text) {
        if (text.isEmpty()) {
            return ListAndQuery.NONE;
        }
        String written = text.get();
        String[] parts = written.split("\\|", -1);
        if (parts.length > 2) {
            throw invalid(key, written, "one '|' at most, before the provider's query", LIST_KEYWORDS);
        }
        Optional<Clause> list = parts[0].isBlank() ? Optional.empty()
                : Optional.of(clause(key, written, parts[0].strip(), LIST_KEYWORDS));
        Optional<String> query = parts.length < 2 || parts[1].isBlank() ? Optional.empty()
                : Optional.of(parts[1].strip());
        if (list.isEmpty() && query.isEmpty()) {
            throw invalid(key, written, "neither a list nor a query", LIST_KEYWORDS);
        }
        return new ListAndQuery(list, query);
    }

    /**
     * bwdc's rule for a group filter with a list (its {@code filterUsersFromGroupsSet}): only the users who are direct
     * members of a group kept stay, besides the deleted ones and the disabled ones a sync removes.
     */
    public static List<DirectoryUser> inKeptGroups(List<DirectoryUser> users, List<DirectoryGroup> kept,
                                                   boolean removeDisabled) {
        Set<String> members = new HashSet<>();
        kept.forEach(group -> members.addAll(group.memberUserIds()));
        return users.stream().filter(user -> user.deleted() || (user.disabled() && removeDisabled)
                || members.contains(user.externalId())).toList();
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
