package io.dirsync.sync;

import io.dirsync.RepeatedWarnings;
import io.dirsync.SourceException;
import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.config.SyncSettings;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.LeftOut;
import io.dirsync.model.Snapshot;
import io.dirsync.model.SortedIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import org.apache.camel.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route step "normalize": turns a complete {@link DirectoryRead} into a {@link Snapshot} the server will
 * accept entry by entry. Emails are trimmed and lower-cased; entries the server would refuse are left out,
 * logged and listed rather than allowed to fail a whole batch (a left-out user stays in its groups' members, as
 * bwdc lists it, and the {@link Differ} keeps what it had); duplicate emails follow bwdc's rules; nested groups
 * are flattened.
 */
public class Normalizer extends ConfiguredStep<SyncSettings> {

    static final int MAX_EMAIL_LENGTH = 256;
    static final int MAX_EXTERNAL_ID_LENGTH = 300;
    static final int MAX_GROUP_NAME_LENGTH = 100;
    private static final int LISTED_DUPLICATES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Normalizer.class);

    /** For Camel: settings are read from the context's properties at each call. */
    public Normalizer() {
    }

    public Normalizer(SyncSettings settings) {
        super(settings);
    }

    @Handler
    public Snapshot normalize(DirectoryRead read) {
        SyncSettings settings = settings();
        List<LeftOut> leftOut = new ArrayList<>();
        read.leftOut().forEach(entry -> leaveOut(entry.kind(), entry.externalId(), entry.reason(), leftOut));

        Set<String> userIds = new HashSet<>(read.users().size() * 2);
        List<DirectoryUser> users = uniqueByExternalId(uniqueByEmail(validUsers(read.users(), leftOut)), leftOut, userIds);
        List<DirectoryGroup> groups = settings.groups()
                ? validGroups(membersRestrictedTo(userIds, leftOut, GroupFlattener.flatten(read.groups())), leftOut)
                : List.of();

        return new Snapshot(settings.users() ? users : List.of(), groups, leftOut);
    }

    @Override
    protected SyncSettings settingsFrom(Settings settings) {
        return SyncSettings.from(settings);
    }

    private static List<DirectoryUser> validUsers(List<DirectoryUser> read, List<LeftOut> leftOut) {
        List<DirectoryUser> valid = new ArrayList<>(read.size());
        for (DirectoryUser user : read) {
            DirectoryUser normalized = user.withEmail(normalizeEmail(user.email()));
            Optional<String> problem = problemWith(normalized);
            if (problem.isPresent()) {
                leaveOut(LeftOut.Kind.USER, user.externalId(), problem.get(), leftOut);
            } else {
                valid.add(normalized);
            }
        }
        return valid;
    }

    private static String normalizeEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    private static Optional<String> problemWith(DirectoryUser user) {
        if (user.deleted()) {
            // A tombstone often keeps no email (Active Directory strips it); it is only ever listed, never
            // invited, and a removal goes by externalId with the email last applied.
            return user.externalId().length() > MAX_EXTERNAL_ID_LENGTH
                    ? Optional.of(externalIdTooLong(user.externalId())) : Optional.empty();
        }
        String email = user.email();
        if (email == null || email.isEmpty()) {
            return Optional.of("no email");
        }
        if (email.length() > MAX_EMAIL_LENGTH) {
            return Optional.of("email longer than " + MAX_EMAIL_LENGTH + " characters (" + email.length() + ")");
        }
        int hidden = firstInvisible(email);
        if (hidden >= 0) {
            return Optional.of(String.format("email with an invisible or control character (U+%04X, %s): \"%s\"",
                    hidden, Character.getName(hidden), visible(email)));
        }
        if (!isValidAddress(email)) {
            return Optional.of("not a valid email address: \"" + email + "\"");
        }
        if (user.externalId().length() > MAX_EXTERNAL_ID_LENGTH) {
            return Optional.of(externalIdTooLong(user.externalId()));
        }
        return Optional.empty();
    }

    /**
     * A control character (NUL included) or a format character (bidi overrides and isolates, zero-width spaces and
     * joiners, the byte-order mark): an address that shows as another one, or as what it is not.
     */
    static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT;
    }

    /** The first invisible code point in {@code email}, or -1. */
    private static int firstInvisible(String email) {
        return firstBeyondPrintableAscii(email, Normalizer::isInvisible);
    }

    /**
     * The first code point of {@code email} that is {@code such}, or -1. Printable ASCII, which is neither invisible
     * nor white space and nearly every character of an address, is passed over without a lookup.
     */
    private static int firstBeyondPrintableAscii(String email, IntPredicate such) {
        for (int i = 0; i < email.length(); ) {
            char c = email.charAt(i);
            if (c > ' ' && c < 0x7f) {
                i++;
                continue;
            }
            int codePoint = email.codePointAt(i);
            if (such.test(codePoint)) {
                return codePoint;
            }
            i += Character.charCount(codePoint);
        }
        return -1;
    }

    /** The email with each invisible character written as a Java escape (backslash, u, its hex code), so the report shows it. */
    private static String visible(String email) {
        StringBuilder out = new StringBuilder();
        email.codePoints().forEach(c -> {
            if (isInvisible(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Exactly one '@' with something on both sides, and no whitespace anywhere. */
    static boolean isValidAddress(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at == email.length() - 1 || email.indexOf('@', at + 1) != -1) {
            return false;
        }
        return firstBeyondPrintableAscii(email, c -> Character.isWhitespace(c) || Character.isSpaceChar(c)) < 0;
    }

    private static String externalIdTooLong(String externalId) {
        return "externalId longer than " + MAX_EXTERNAL_ID_LENGTH + " characters (" + externalId.length() + ")";
    }

    /**
     * bwdc's removeDuplicateUsers, keyed by email, in read order: an active entry identical to an earlier
     * active one merges into it; a deleted entry after an active one is skipped (an AD tombstone of the same
     * person); deleted entries sharing an email are all kept; an active entry that differs from an earlier
     * active one, or follows a deleted one, is a conflict and fails the run: picking one would be a guess.
     */
    private static List<DirectoryUser> uniqueByEmail(List<DirectoryUser> users) {
        List<DirectoryUser> unique = new ArrayList<>(users.size());
        Map<String, DirectoryUser> firstActive = new HashMap<>(users.size() * 2);
        Set<String> deletedEmails = new HashSet<>();
        Set<String> conflicting = new LinkedHashSet<>();
        for (DirectoryUser user : users) {
            String email = user.email();
            if (user.deleted()) {
                if (!firstActive.containsKey(email)) {
                    deletedEmails.add(email);
                    unique.add(user);
                }
                continue;
            }
            // one lookup for the usual case, an address seen first: a conflict fails the run, whatever is kept
            DirectoryUser active = firstActive.putIfAbsent(email, user);
            if (active != null ? !user.equals(active) : deletedEmails.contains(email)) {
                conflicting.add(email);
            } else if (active == null) {
                unique.add(user);
            }
        }
        if (!conflicting.isEmpty()) {
            throw new SourceException(duplicateEmailsMessage(conflicting, users));
        }
        return unique;
    }

    /**
     * Different entries with one externalId (a non-unique ldap.external-id-attribute, say) cannot both be
     * members: Bitwarden links a member by its externalId, and the official server fails every later import
     * once two members share one. Every such entry is left out, never one picked. {@code ids} receives every
     * externalId of {@code users}, those left out here included.
     */
    private static List<DirectoryUser> uniqueByExternalId(List<DirectoryUser> users, List<LeftOut> leftOut,
            Set<String> ids) {
        boolean shared = false;
        for (DirectoryUser user : users) {
            shared |= !ids.add(user.externalId());
        }
        if (!shared) {
            return users;
        }
        Map<String, Integer> usersPerId = new HashMap<>(users.size() * 2);
        for (DirectoryUser user : users) {
            usersPerId.merge(user.externalId(), 1, Integer::sum);
        }
        List<DirectoryUser> unique = new ArrayList<>(usersPerId.size());
        for (DirectoryUser user : users) {
            int sharing = usersPerId.get(user.externalId());
            if (sharing > 1) {
                leaveOut(LeftOut.Kind.USER, user.externalId(), "externalId shared by " + sharing + " users (this one is "
                        + user.email() + "); none of them is synced", leftOut);
            } else {
                unique.add(user);
            }
        }
        return unique;
    }

    private static String duplicateEmailsMessage(Set<String> conflicting, List<DirectoryUser> users) {
        Map<String, Set<String>> entriesByEmail = new LinkedHashMap<>();
        conflicting.stream().limit(LISTED_DUPLICATES).forEach(email -> entriesByEmail.put(email, new LinkedHashSet<>()));
        for (DirectoryUser user : users) {
            Set<String> entries = entriesByEmail.get(user.email());
            if (entries != null) {
                entries.add(user.externalId());
            }
        }

        StringBuilder message = new StringBuilder("Emails must be unique: ")
                .append(conflicting.size())
                .append(conflicting.size() == 1 ? " address is used" : " addresses are used")
                .append(" by more than one directory entry: ");
        String separator = "";
        for (Map.Entry<String, Set<String>> entry : entriesByEmail.entrySet()) {
            message.append(separator).append(entry.getKey())
                    .append(" (").append(String.join("; ", entry.getValue())).append(')');
            separator = ", ";
        }
        if (conflicting.size() > LISTED_DUPLICATES) {
            message.append(" and ").append(conflicting.size() - LISTED_DUPLICATES).append(" more");
        }
        return message.append(". Fix the directory or narrow sync.user-filter.").toString();
    }

    /**
     * Keeps only members that are users of the snapshot or users left out of it: a left-out user is still in the
     * directory, so it keeps its place in its groups (never invited, but a member it was stays one, groups
     * included). Groups that shared a member set still share one. {@code kept} holds the snapshot's users'
     * externalIds (those left out for sharing one included); the other users left out are added to it.
     */
    private static List<DirectoryGroup> membersRestrictedTo(Set<String> kept, List<LeftOut> leftOut,
            List<DirectoryGroup> groups) {
        for (LeftOut entry : leftOut) {
            if (entry.kind() == LeftOut.Kind.USER) {
                kept.add(entry.externalId());
            }
        }
        Map<Set<String>, Set<String>> restricted = new IdentityHashMap<>();
        List<DirectoryGroup> result = new ArrayList<>(groups.size());
        for (DirectoryGroup group : groups) {
            Set<String> members = restricted.computeIfAbsent(group.memberUserIds(), all -> restrict(all, kept));
            result.add(group.flattened(members));
        }
        return result;
    }

    private static Set<String> restrict(Set<String> members, Set<String> kept) {
        if (kept.containsAll(members)) {
            return members;
        }
        Set<String> restricted = new HashSet<>();
        for (String member : members) {
            if (kept.contains(member)) {
                restricted.add(member);
            }
        }
        return SortedIds.copyOf(restricted);
    }

    private static List<DirectoryGroup> validGroups(List<DirectoryGroup> groups, List<LeftOut> leftOut) {
        Map<String, Integer> groupsPerId = new HashMap<>(groups.size() * 2);
        for (DirectoryGroup group : groups) {
            groupsPerId.merge(group.externalId(), 1, Integer::sum);
        }
        List<DirectoryGroup> valid = new ArrayList<>(groups.size());
        for (DirectoryGroup group : groups) {
            Optional<String> problem = problemWith(group, groupsPerId.get(group.externalId()));
            if (problem.isPresent()) {
                leaveOut(LeftOut.Kind.GROUP, group.externalId(), problem.get(), leftOut);
            } else {
                valid.add(group);
            }
        }
        return valid;
    }

    private static Optional<String> problemWith(DirectoryGroup group, int groupsWithSameId) {
        String name = group.name();
        if (name == null || name.isBlank()) {
            return Optional.of("no name");
        }
        if (name.length() > MAX_GROUP_NAME_LENGTH) {
            return Optional.of("name longer than " + MAX_GROUP_NAME_LENGTH + " characters (" + name.length() + ")");
        }
        if (group.externalId().length() > MAX_EXTERNAL_ID_LENGTH) {
            return Optional.of(externalIdTooLong(group.externalId()));
        }
        if (groupsWithSameId > 1) {
            return Optional.of("externalId shared by " + groupsWithSameId + " groups (this one is named \"" + name
                    + "\"); none of them is synced");
        }
        return Optional.empty();
    }

    private static void leaveOut(LeftOut.Kind kind, String externalId, String reason, List<LeftOut> leftOut) {
        LeftOut entry = new LeftOut(kind, externalId, reason);
        RepeatedWarnings.warn(LOG, "Left out " + entry);
        leftOut.add(entry);
    }
}
