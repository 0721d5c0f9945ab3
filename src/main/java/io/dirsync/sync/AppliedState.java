package io.dirsync.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What dirsync last pushed successfully to one organization: the state the next run diffs against. Written by
 * {@link StateStore} after every request of a run succeeded, never in between.
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
 */
@JsonPropertyOrder({"apiUrl", "organizationId", "settingsFingerprint", "lastFullSync", "lastUserSync",
        "lastGroupSync", "users", "groups"})
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
        Map<String, Group> groups) {

    /** A group as last sent: its name and its members' externalIds, sorted and without duplicates. */
    @JsonPropertyOrder({"name", "memberExternalIds"})
    public record Group(String name, List<String> memberExternalIds) {
        public Group {
            memberExternalIds = memberExternalIds == null ? List.of() : List.copyOf(new TreeSet<>(memberExternalIds));
        }
    }

    public AppliedState {
        users = sorted(users);
        groups = sorted(groups);
    }

    /** Nothing applied yet to this organization. */
    public static AppliedState empty(String apiUrl, String organizationId) {
        return new AppliedState(apiUrl, organizationId, null, null, null, null, Map.of(), Map.of());
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
