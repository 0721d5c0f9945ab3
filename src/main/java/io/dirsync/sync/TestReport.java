package io.dirsync.sync;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.Snapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What {@code dirsync test} prints: bwdc's test JSON, field for field and in the same order, so scripts
 * written against {@code bwdc test} keep working. Every list is sorted by displayName, then externalId.
 */
@JsonPropertyOrder({"object", "groups", "enabledUsers", "disabledUsers", "deletedUsers"})
public record TestReport(String object, List<Group> groups, List<User> enabledUsers, List<User> disabledUsers,
        List<User> deletedUsers) {

    public static final String OBJECT = "test";

    /** Indented as {@code dirsync test} prints it; the stream it writes to stays open. */
    private static final ObjectWriter PRETTY = JsonMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build()
            .writerWithDefaultPrettyPrinter();

    /** A group: displayName is its name; userIds are its members' externalIds after flattening, sorted. */
    @JsonPropertyOrder({"externalId", "displayName", "userIds"})
    public record Group(String externalId, String displayName, List<String> userIds) {

        public Group {
            userIds = List.copyOf(userIds);
        }

        static Group of(DirectoryGroup group) {
            String name = group.name() == null ? group.externalId() : group.name();
            return new Group(group.externalId(), name, group.memberUserIds().stream().sorted().toList());
        }
    }

    /** A user: displayName is the email, or the externalId when there is none (as bwdc shows it). */
    @JsonPropertyOrder({"externalId", "displayName"})
    public record User(String externalId, String displayName) {

        static User of(DirectoryUser user) {
            return new User(user.externalId(), user.email() == null ? user.externalId() : user.email());
        }
    }

    public TestReport {
        groups = List.copyOf(groups);
        enabledUsers = List.copyOf(enabledUsers);
        disabledUsers = List.copyOf(disabledUsers);
        deletedUsers = List.copyOf(deletedUsers);
    }

    public static TestReport of(Snapshot snapshot) {
        List<Group> groups = snapshot.groups().stream()
                .map(Group::of)
                .sorted(byDisplayName(Group::displayName, Group::externalId))
                .toList();
        return new TestReport(OBJECT, groups,
                users(snapshot, u -> !u.disabled() && !u.deleted()),
                users(snapshot, u -> u.disabled() && !u.deleted()),
                users(snapshot, DirectoryUser::deleted));
    }

    /**
     * Writes the report as {@code dirsync test} prints it, indented, straight to {@code out} (left open): a report of a
     * million users is never held as text as well.
     */
    public void writeJson(OutputStream out) throws IOException {
        PRETTY.writeValue(out, this);
    }

    private static List<User> users(Snapshot snapshot, Predicate<DirectoryUser> which) {
        return snapshot.users().stream()
                .filter(which)
                .map(User::of)
                .sorted(byDisplayName(User::displayName, User::externalId))
                .toList();
    }

    // Case-insensitive first, as bwdc's locale collation puts "alpha" next to "Alpha"; the rest makes the
    // order total, so the output is the same on every run.
    private static <T> Comparator<T> byDisplayName(Function<T, String> displayName,
            Function<T, String> externalId) {
        return Comparator.comparing(displayName, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(displayName)
                .thenComparing(externalId);
    }
}
