package io.dirsync.sync;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.Snapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
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

    /** Generators that leave the stream they write to open. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    /** bwdc's {@code --pretty}, which is JavaScript's {@code JSON.stringify(report, null, 2)}. */
    private static final Separators STRINGIFY_SEPARATORS = Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    private static final DefaultIndenter STRINGIFY_INDENTER = new DefaultIndenter("  ", "\n");

    /** A group: displayName is its name; userIds are its members' externalIds after flattening, sorted. */
    @JsonPropertyOrder({"externalId", "displayName", "userIds"})
    public record Group(String externalId, String displayName, List<String> userIds) {

        public Group {
            userIds = List.copyOf(userIds);
        }

        static Group of(DirectoryGroup group) {
            String[] userIds = group.memberUserIds().toArray(String[]::new);
            Arrays.sort(userIds);
            return new Group(group.externalId(), shownName(group), List.of(userIds));
        }
    }

    /** A user: displayName is the email, or the externalId when there is none (as bwdc shows it). */
    @JsonPropertyOrder({"externalId", "displayName"})
    public record User(String externalId, String displayName) {

        static User of(DirectoryUser user) {
            return new User(user.externalId(), shownName(user));
        }
    }

    public TestReport {
        groups = keep(groups);
        enabledUsers = keep(enabledUsers);
        disabledUsers = keep(disabledUsers);
        deletedUsers = keep(deletedUsers);
    }

    /**
     * The report of a snapshot. Its lists show the snapshot's entries in order, each made into a {@link Group} or
     * {@link User} only when it is read: rendering a million users holds no second copy of them.
     */
    public static TestReport of(Snapshot snapshot) {
        List<DirectoryGroup> groups = snapshot.groups().stream()
                .sorted(byDisplayName(TestReport::shownName, DirectoryGroup::externalId))
                .toList();
        return new TestReport(OBJECT, new Shown<>(groups, Group::of),
                users(snapshot, u -> !u.disabled() && !u.deleted()),
                users(snapshot, u -> u.disabled() && !u.deleted()),
                users(snapshot, DirectoryUser::deleted));
    }

    /**
     * Writes the report as {@code dirsync test} prints it, straight to {@code out} (left open): a report of a million
     * users is never held as text as well. Compact, as {@code bwdc test} prints it and a route that marshals the report
     * itself does (the fields and their order are those of {@code @JsonPropertyOrder}); or, when {@code pretty},
     * indented as {@code bwdc test --pretty} does. Written field by field rather than data-bound, which takes a third of
     * the time on a cold JVM.
     */
    public void writeJson(OutputStream out, boolean pretty) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            if (pretty) {
                json.setPrettyPrinter(new DefaultPrettyPrinter(STRINGIFY_SEPARATORS)
                        .withObjectIndenter(STRINGIFY_INDENTER)
                        .withArrayIndenter(STRINGIFY_INDENTER));
            }
            json.writeStartObject();
            json.writeStringField("object", object);
            json.writeArrayFieldStart("groups");
            for (Group group : groups) {
                json.writeStartObject();
                json.writeStringField("externalId", group.externalId());
                json.writeStringField("displayName", group.displayName());
                json.writeArrayFieldStart("userIds");
                for (String userId : group.userIds()) {
                    json.writeString(userId);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            writeUsers(json, "enabledUsers", enabledUsers);
            writeUsers(json, "disabledUsers", disabledUsers);
            writeUsers(json, "deletedUsers", deletedUsers);
            json.writeEndObject();
        }
    }

    private static void writeUsers(JsonGenerator json, String field, List<User> users) throws IOException {
        json.writeArrayFieldStart(field);
        for (User user : users) {
            json.writeStartObject();
            json.writeStringField("externalId", user.externalId());
            json.writeStringField("displayName", user.displayName());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static List<User> users(Snapshot snapshot, Predicate<DirectoryUser> which) {
        List<DirectoryUser> users = snapshot.users().stream()
                .filter(which)
                .sorted(byDisplayName(TestReport::shownName, DirectoryUser::externalId))
                .toList();
        return new Shown<>(users, User::of);
    }

    private static String shownName(DirectoryGroup group) {
        return group.name() == null ? group.externalId() : group.name();
    }

    private static String shownName(DirectoryUser user) {
        return user.email() == null ? user.externalId() : user.email();
    }

    // Case-insensitive first, as bwdc's locale collation puts "alpha" next to "Alpha"; the rest makes the
    // order total, so the output is the same on every run.
    private static <T> Comparator<T> byDisplayName(Function<T, String> displayName,
            Function<T, String> externalId) {
        return Comparator.comparing(displayName, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(displayName)
                .thenComparing(externalId);
    }

    /** A list as given, but a {@link Shown} one is kept as it is: it is immutable, and copying it would make every entry. */
    private static <T> List<T> keep(List<T> list) {
        return list instanceof Shown<?, T> ? list : List.copyOf(list);
    }

    /** The entries of an immutable list, each shown as {@code shown} makes it when it is read. */
    private static final class Shown<S, T> extends AbstractList<T> implements RandomAccess {
        private final List<S> entries;
        private final Function<S, T> shown;

        Shown(List<S> entries, Function<S, T> shown) {
            this.entries = entries;
            this.shown = shown;
        }

        @Override
        public T get(int index) {
            return shown.apply(entries.get(index));
        }

        @Override
        public int size() {
            return entries.size();
        }
    }
}
