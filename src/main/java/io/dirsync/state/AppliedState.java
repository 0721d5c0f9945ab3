package io.dirsync.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.dirsync.model.ImportRequest;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What dirsync last pushed successfully to one organization: the state the next run diffs against. Written by
 * {@link StateStore} after every request of a run succeeded, never in between. Before its first request a run records
 * beside it the entries it is about to change ({@link StateStore#saveAttempt}); a run that fails half-way (or a
 * process killed between batches) leaves that record, and the next load counts those entries as {@code unsure}: the
 * next run sends them again as the directory now wants them.
 *
 * <p>Serialises with a plain Jackson {@code ObjectMapper} (times as ISO-8601 text; no java.time module needed).
 * Maps are kept sorted by externalId so that the file is stable and diffable.
 *
 * @param apiUrl              the Bitwarden API the state was pushed to
 * @param organizationId      the organization it was pushed to
 * @param settingsFingerprint {@link SettingsFingerprint} of the settings the run read with (null if unknown)
 * @param lastFullSync        start of the last run that re-sent everything, or null
 * @param lastUserSync        start of the last successful run that synced users, or null
 * @param lastGroupSync       start of the last successful run that synced groups, or null
 * @param users               externalId → email of every member dirsync holds as present in the organization
 *                            (the email Bitwarden has, which may differ from the directory's after a change)
 * @param groups              externalId → the group as last sent
 * @param unsure              entries a failed run may have changed on the server: sent again by the next run
 */
@JsonPropertyOrder({"apiUrl", "organizationId", "settingsFingerprint", "lastFullSync", "lastUserSync",
        "lastGroupSync", "users", "groups", "unsure"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AppliedState(
        String apiUrl,
        String organizationId,
        String settingsFingerprint,
        @JsonSerialize(using = ToStringSerializer.class) @JsonDeserialize(using = InstantText.class)
        Instant lastFullSync,
        @JsonSerialize(using = ToStringSerializer.class) @JsonDeserialize(using = InstantText.class)
        Instant lastUserSync,
        @JsonSerialize(using = ToStringSerializer.class) @JsonDeserialize(using = InstantText.class)
        Instant lastGroupSync,
        Map<String, String> users,
        Map<String, Group> groups,
        Unsure unsure) {

    /** A group as last sent: its name and its members' externalIds, sorted and without duplicates. */
    @JsonPropertyOrder({"name", "memberExternalIds"})
    public record Group(String name, List<String> memberExternalIds) {
        public Group {
            memberExternalIds = memberExternalIds == null ? List.of()
                    : List.copyOf(ascending(memberExternalIds) ? memberExternalIds : new TreeSet<>(memberExternalIds));
        }

        /** Already sorted without duplicates, as every diff and every saved state gives them: nothing to sort again. */
        private static boolean ascending(List<String> ids) {
            for (int i = 1; i < ids.size(); i++) {
                if (ids.get(i - 1).compareTo(ids.get(i)) >= 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Entries whose state on the server is unknown, because a run that changed them did not finish: externalId →
     * the email (members) or the name (groups) that run sent. They are only ever cleared by a run that sends them
     * again and succeeds.
     */
    @JsonPropertyOrder({"users", "groups"})
    public record Unsure(Map<String, String> users, Map<String, String> groups) {

        public static final Unsure NONE = new Unsure(Map.of(), Map.of());

        public Unsure {
            users = sorted(users);
            groups = sorted(groups);
        }

        @JsonIgnore
        public boolean isEmpty() {
            return users.isEmpty() && groups.isEmpty();
        }

        /** These entries and the members and groups about to be sent. */
        public Unsure plus(Collection<ImportRequest.Member> members, Collection<ImportRequest.Group> sentGroups) {
            Map<String, String> moreUsers = new TreeMap<>(users);
            members.forEach(m -> moreUsers.put(m.externalId(), m.email()));
            Map<String, String> moreGroups = new TreeMap<>(groups);
            sentGroups.forEach(g -> moreGroups.put(g.externalId(), g.name()));
            return new Unsure(moreUsers, moreGroups);
        }

        /** These entries and {@code more}. */
        public Unsure plus(Unsure more) {
            Map<String, String> allUsers = new TreeMap<>(users);
            allUsers.putAll(more.users());
            Map<String, String> allGroups = new TreeMap<>(groups);
            allGroups.putAll(more.groups());
            return new Unsure(allUsers, allGroups);
        }

        /** These entries but the members and groups a successful run sent. */
        public Unsure minus(Collection<ImportRequest.Member> members, Collection<ImportRequest.Group> sentGroups) {
            if (isEmpty()) {
                return this;
            }
            Map<String, String> fewerUsers = new TreeMap<>(users);
            members.forEach(m -> fewerUsers.remove(m.externalId()));
            Map<String, String> fewerGroups = new TreeMap<>(groups);
            sentGroups.forEach(g -> fewerGroups.remove(g.externalId()));
            return new Unsure(fewerUsers, fewerGroups);
        }
    }

    public AppliedState {
        users = sorted(users);
        groups = sorted(groups);
        unsure = unsure == null ? Unsure.NONE : unsure;
    }

    /** A state with nothing unsure in it. */
    public AppliedState(String apiUrl, String organizationId, String settingsFingerprint, Instant lastFullSync,
            Instant lastUserSync, Instant lastGroupSync, Map<String, String> users, Map<String, Group> groups) {
        this(apiUrl, organizationId, settingsFingerprint, lastFullSync, lastUserSync, lastGroupSync, users, groups,
                Unsure.NONE);
    }

    /** Nothing applied yet to this organization. */
    public static AppliedState empty(String apiUrl, String organizationId) {
        return new AppliedState(apiUrl, organizationId, null, null, null, null, Map.of(), Map.of());
    }

    /** The same applied entries, with {@code more} unsure. */
    public AppliedState withUnsure(Unsure more) {
        return new AppliedState(apiUrl, organizationId, settingsFingerprint, lastFullSync, lastUserSync,
                lastGroupSync, users, groups, more);
    }

    /** The memberships in this state: the sum of its groups' member counts. */
    public int memberships() {
        int memberships = 0;
        for (Group group : groups.values()) {
            memberships += group.memberExternalIds().size();
        }
        return memberships;
    }

    /** Whether this state was pushed to that organization on that server. */
    public boolean isFor(String otherApiUrl, String otherOrganizationId) {
        return Objects.equals(apiUrl, otherApiUrl) && Objects.equals(organizationId, otherOrganizationId);
    }

    private static <V> SortedMap<String, V> sorted(Map<String, V> map) {
        return map == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /** Reads an ISO-8601 instant written by {@link ToStringSerializer}. */
    static final class InstantText extends StdScalarDeserializer<Instant> {

        InstantText() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            if (text == null) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
        }
    }
}
