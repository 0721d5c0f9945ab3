package io.dirsync.google;

import io.dirsync.filter.BwdcFilter;
import io.dirsync.filter.BwdcFilter.Clause;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sync.user-filter} and {@code sync.group-filter} for Google Workspace, in bwdc's grammar (bwdc-providers.md
 * §3.5): an optional {@code include:} or {@code exclude:} clause, then {@code |} and Google's own query, sent as
 * {@code query=} of the list (the users' search syntax, {@code orgUnitPath='/Sales'}; the groups',
 * {@code name:Sales*}). Going past bwdc, the user filter may start with {@code includeGroup:} (only these groups'
 * members, nested groups followed; the domain's user list is not read) followed by {@code excludeGroup:} and
 * {@code exclude:} clauses, or with {@code excludeGroup:} (everyone but these groups' members). Groups are named by
 * email, id or name; emails and names compare case-insensitively.
 *
 * @param query       the users' native query
 * @param groupQuery  the groups' native query
 */
public record GoogleFilter(Optional<Set<String>> includeEmails, Set<String> excludeEmails, Optional<String> query,
                           Set<String> includeGroups, Set<String> excludeGroups, Optional<Set<String>> includeNames,
                           Set<String> excludeNames, Optional<String> groupQuery) {

    static final String USER_FILTER = "sync.user-filter";
    static final String GROUP_FILTER = "sync.group-filter";
    private static final List<String> USER_KEYWORDS = List.of("include", "exclude", "includeGroup", "excludeGroup");
    private static final List<String> GROUP_KEYWORDS = List.of("include", "exclude");

    public static GoogleFilter parse(Optional<String> userFilter, Optional<String> groupFilter) {
        Optional<Set<String>> includeEmails = Optional.empty();
        Set<String> excludeEmails = new LinkedHashSet<>();
        Set<String> includeGroups = new LinkedHashSet<>();
        Set<String> excludeGroups = new LinkedHashSet<>();
        Optional<String> query = Optional.empty();
        if (userFilter.isPresent()) {
            String text = userFilter.get();
            List<String> parts = List.of(text.split("\\|", -1));
            Optional<Clause> first = clause(USER_FILTER, parts.get(0), USER_KEYWORDS, parts.size() > 1);
            if (first.isPresent() && first.get().keyword().equals("includeGroup")) {
                includeGroups.addAll(first.get().values());
                for (String part : parts.subList(1, parts.size())) {
                    Clause more = clause(USER_FILTER, part, USER_KEYWORDS, false).orElseThrow();
                    switch (more.keyword()) {
                        case "excludeGroup" -> excludeGroups.addAll(more.values());
                        case "exclude" -> excludeEmails.addAll(BwdcFilter.lowerCased(more.values()));
                        default -> throw BwdcFilter.invalid(USER_FILTER, text, more.keyword() + ": cannot follow"
                                + " includeGroup: (excludeGroup: and exclude: can; a query cannot, since the"
                                + " domain's users are not listed)", USER_KEYWORDS);
                    }
                }
            } else {
                if (first.isPresent()) {
                    Clause clause = first.get();
                    switch (clause.keyword()) {
                        case "include" -> includeEmails = Optional.of(BwdcFilter.lowerCased(clause.values()));
                        case "exclude" -> excludeEmails.addAll(BwdcFilter.lowerCased(clause.values()));
                        default -> excludeGroups.addAll(clause.values());
                    }
                }
                query = query(USER_FILTER, text, parts, USER_KEYWORDS);
            }
        }
        Optional<Set<String>> includeNames = Optional.empty();
        Set<String> excludeNames = Set.of();
        Optional<String> groupQuery = Optional.empty();
        if (groupFilter.isPresent()) {
            String text = groupFilter.get();
            List<String> parts = List.of(text.split("\\|", -1));
            Optional<Clause> clause = clause(GROUP_FILTER, parts.get(0), GROUP_KEYWORDS, parts.size() > 1);
            if (clause.isPresent()) {
                Set<String> names = BwdcFilter.lowerCased(clause.get().values());
                if (clause.get().keyword().equals("include")) {
                    includeNames = Optional.of(names);
                } else {
                    excludeNames = names;
                }
            }
            groupQuery = query(GROUP_FILTER, text, parts, GROUP_KEYWORDS);
        }
        return new GoogleFilter(includeEmails, excludeEmails, query, includeGroups, excludeGroups, includeNames,
                excludeNames, groupQuery);
    }

    /** The clause before the query; none when the filter is only {@code |query}. */
    private static Optional<Clause> clause(String key, String part, List<String> keywords, boolean queryFollows) {
        if (part.isBlank() && queryFollows) {
            return Optional.empty();
        }
        return Optional.of(BwdcFilter.clauses(key, part, keywords).get(0));
    }

    /** Everything after the first {@code |}, as written: Google's query, which may hold {@code :} and {@code |}. */
    private static Optional<String> query(String key, String text, List<String> parts, List<String> keywords) {
        if (parts.size() < 2) {
            return Optional.empty();
        }
        String query = String.join("|", parts.subList(1, parts.size())).strip();
        if (query.isEmpty()) {
            throw BwdcFilter.invalid(key, text, "nothing follows '|' (write Google's query there, or drop the '|')",
                    keywords);
        }
        return Optional.of(query);
    }

    /** Whether only some groups' members are read, not the domain's users. */
    public boolean groupScoped() {
        return !includeGroups.isEmpty();
    }

    public boolean keepsEmail(String email) {
        return BwdcFilter.keeps(includeEmails, excludeEmails, email, "--");
    }

    public boolean keepsGroupNamed(String name) {
        return BwdcFilter.keeps(includeNames, excludeNames, name, "");
    }
}
