package io.dirsync.entra;

import io.dirsync.filter.BwdcFilter;
import io.dirsync.filter.BwdcFilter.Clause;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sync.user-filter} and {@code sync.group-filter} for Entra ID, in bwdc's grammar (bwdc-providers.md §2.5).
 * The user filter's first clause is {@code include:} or {@code exclude:} (emails), {@code includeGroup:} (only these
 * groups' transitive members) or {@code excludeGroup:} (everyone but them); after {@code includeGroup:} come any number
 * of {@code excludeGroup:} and {@code exclude:} clauses. The group filter is one {@code include:} or {@code exclude:}
 * clause of group names. Groups are named by object id or by display name; emails and names compare case-insensitively.
 *
 * @param includeEmails  empty for everyone
 * @param includeGroups  group ids or names; empty for a read of the whole tenant
 * @param includeNames   group names kept; empty for every group
 */
public record EntraFilter(Optional<Set<String>> includeEmails, Set<String> excludeEmails, Set<String> includeGroups,
                          Set<String> excludeGroups, Optional<Set<String>> includeNames, Set<String> excludeNames) {

    static final String USER_FILTER = "sync.user-filter";
    static final String GROUP_FILTER = "sync.group-filter";
    private static final List<String> USER_KEYWORDS = List.of("include", "exclude", "includeGroup", "excludeGroup");
    private static final List<String> GROUP_KEYWORDS = List.of("include", "exclude");

    public static final EntraFilter NONE = new EntraFilter(Optional.empty(), Set.of(), Set.of(), Set.of(),
            Optional.empty(), Set.of());

    public static EntraFilter parse(Optional<String> userFilter, Optional<String> groupFilter) {
        Optional<Set<String>> includeEmails = Optional.empty();
        Set<String> excludeEmails = new LinkedHashSet<>();
        Set<String> includeGroups = new LinkedHashSet<>();
        Set<String> excludeGroups = new LinkedHashSet<>();
        if (userFilter.isPresent()) {
            String text = userFilter.get();
            List<Clause> clauses = BwdcFilter.clauses(USER_FILTER, text, USER_KEYWORDS);
            Clause first = clauses.get(0);
            switch (first.keyword()) {
                case "include" -> includeEmails = Optional.of(BwdcFilter.lowerCased(first.values()));
                case "exclude" -> excludeEmails.addAll(BwdcFilter.lowerCased(first.values()));
                case "includeGroup" -> includeGroups.addAll(first.values());
                default -> excludeGroups.addAll(first.values());
            }
            for (Clause more : clauses.subList(1, clauses.size())) {
                if (!first.keyword().equals("includeGroup")) {
                    throw BwdcFilter.invalid(USER_FILTER, text, "only includeGroup: may be followed by more clauses"
                            + " (excludeGroup:, exclude:)", USER_KEYWORDS);
                }
                switch (more.keyword()) {
                    case "excludeGroup" -> excludeGroups.addAll(more.values());
                    case "exclude" -> excludeEmails.addAll(BwdcFilter.lowerCased(more.values()));
                    default -> throw BwdcFilter.invalid(USER_FILTER, text, more.keyword() + ": cannot follow"
                            + " includeGroup: (excludeGroup: and exclude: can)", USER_KEYWORDS);
                }
            }
        }
        Optional<Set<String>> includeNames = Optional.empty();
        Set<String> excludeNames = Set.of();
        if (groupFilter.isPresent()) {
            String text = groupFilter.get();
            if (text.strip().toLowerCase(Locale.ROOT).matches("(include|exclude)administrativeunit\\s*:.*")) {
                throw BwdcFilter.invalid(GROUP_FILTER, text, "administrative units are not read by dirsync yet",
                        GROUP_KEYWORDS);
            }
            if (text.contains("|")) {
                throw BwdcFilter.invalid(GROUP_FILTER, text, "Entra ID has no native query after '|'",
                        GROUP_KEYWORDS);
            }
            Clause clause = BwdcFilter.clauses(GROUP_FILTER, text, GROUP_KEYWORDS).get(0);
            Set<String> names = BwdcFilter.lowerCased(clause.values());
            if (clause.keyword().equals("include")) {
                includeNames = Optional.of(names);
            } else {
                excludeNames = names;
            }
        }
        return new EntraFilter(includeEmails, excludeEmails, includeGroups, excludeGroups, includeNames, excludeNames);
    }

    /** Whether only some groups' members are read, not the tenant's users. */
    public boolean groupScoped() {
        return !includeGroups.isEmpty();
    }

    public boolean keepsEmail(String email) {
        return BwdcFilter.keeps(includeEmails, excludeEmails, email, "--");
    }

    /**
     * Whether a group filter lists groups to keep or to leave out: then, as in bwdc, only the users who are direct
     * members of a group kept are synced ({@link BwdcFilter#inKeptGroups}).
     */
    public boolean groupFiltered() {
        return includeNames.isPresent() || !excludeNames.isEmpty();
    }

    public boolean keepsGroupNamed(String name) {
        return BwdcFilter.keeps(includeNames, excludeNames, name, "");
    }
}
