package io.dirsync.entra;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dirsync.Messages;
import io.dirsync.config.JsonFile;
import io.dirsync.state.CacheUpdate;
import io.dirsync.state.SourceCaches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a delta read starts from ({@code entra.delta=true}): the delta links where the next rounds start, and the
 * tenant as the rounds up to them told it ({@link TenantCopy}); {@value #FILE} in the instance's
 * {@link io.dirsync.state.SourceCaches} folder, written only when a run commits ({@link CacheUpdate}).
 *
 * @param formatVersion       {@link #FORMAT_VERSION} of the dirsync that wrote it; any other is not used
 * @param settingsFingerprint {@link io.dirsync.config.SettingsFingerprint} of the settings it was read with
 * @param fullReadAt          start of the full read it descends from (ISO-8601): past {@code sync.full-every}, the
 *                            next read is full again
 * @param usersLink           the users' {@code @odata.deltaLink}; null when users are not read
 * @param groupsLink          the groups' {@code @odata.deltaLink}; null when groups are not read
 * @param users               every user, with the properties read ({@link EntraMapping#USER_SELECT})
 * @param groups              every group, with its direct members
 */
@JsonPropertyOrder({"formatVersion", "settingsFingerprint", "fullReadAt", "usersLink", "groupsLink", "users", "groups"})
record DeltaCache(int formatVersion, String settingsFingerprint, String fullReadAt, String usersLink,
        String groupsLink, List<ObjectNode> users, List<Group> groups) {

    static final String FILE = "entra-delta.json";
    /** Bump whenever the meaning of a field changes: an older cache is then read fully once and replaced. */
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * A group and its direct members.
     *
     * @param members each member user's or group's id, with its {@code @odata.type}
     */
    record Group(String id, String displayName, Map<String, String> members) {
        Group {
            Objects.requireNonNull(id, "id");
            displayName = displayName == null ? "" : displayName;
            members = members == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
    }

    DeltaCache {
        Objects.requireNonNull(settingsFingerprint, "settingsFingerprint");
        Objects.requireNonNull(fullReadAt, "fullReadAt");
        users = users == null ? List.of() : List.copyOf(users);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** {@link #fullReadAt} as an instant; an {@link IllegalStateException} when it is not one. */
    @JsonIgnore
    Instant fullReadInstant() {
        return SourceCaches.fullReadAt(fullReadAt);
    }

    /** The cache in {@code file}, or empty when there is none. */
    static Optional<DeltaCache> load(Path file) throws JsonFile.Unreadable {
        Optional<DeltaCache> cache;
        try {
            cache = JsonFile.read(file, JSON, DeltaCache.class);
        } catch (IOException e) {
            throw new JsonFile.Unreadable(Messages.describe(e), e);
        }
        if (cache.isPresent()) {
            if (cache.get().users().stream().anyMatch(u -> !u.path("id").isTextual())) {
                throw new JsonFile.Unreadable("a user has no id", null);
            }
            try {
                cache.get().fullReadInstant();
            } catch (IllegalStateException e) {
                throw new JsonFile.Unreadable(e.getMessage(), e);
            }
        }
        return cache;
    }

    /** This cache as the content of {@code file}, written when the run commits. */
    CacheUpdate.Content update(Path file) {
        try {
            return new CacheUpdate.Content(file, JSON.writeValueAsBytes(this));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
