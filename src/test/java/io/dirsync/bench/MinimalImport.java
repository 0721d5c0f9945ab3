package io.dirsync.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.model.ImportRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The yardstick for what a change costs on the wire: the smallest import that takes an organization from one
 * directory to the next. One body with only the users who joined (added) or left ({@code deleted: true}) and the groups
 * whose members changed, each with its whole member list, since the API replaces a group's membership. Both
 * directories are {@code dirsync test}'s JSON, read as a stream (at a million users it is a hundred megabytes).
 */
final class MinimalImport {

    private static final JsonFactory JSON = new JsonFactory();

    /** A directory as {@code test} printed it, kept small: each user's email, a fingerprint of each group. */
    record Directory(Map<String, String> users, Map<String, Long> groups) {

        static Directory read(Path testJson) throws IOException {
            Map<String, String> users = new HashMap<>();
            Map<String, Long> groups = new HashMap<>();
            MinimalImport.read(testJson, user -> users.put(user.externalId, user.displayName),
                    group -> groups.put(group.externalId, group.fingerprint()));
            return new Directory(users, groups);
        }
    }

    private MinimalImport() {
    }

    /** The minimal import's size in bytes, as Jackson writes it (as dirsync's push route does). */
    static long bytes(Directory before, Path after) throws IOException {
        return new ObjectMapper().writeValueAsBytes(between(before, after)).length;
    }

    static ImportRequest between(Directory before, Path after) throws IOException {
        List<ImportRequest.Member> members = new ArrayList<>();
        List<ImportRequest.Group> groups = new ArrayList<>();
        Map<String, String> left = new HashMap<>(before.users());
        read(after, user -> {
            if (left.remove(user.externalId) == null) {
                members.add(new ImportRequest.Member(user.displayName, user.externalId, false));
            }
        }, group -> {
            if (!Long.valueOf(group.fingerprint()).equals(before.groups().get(group.externalId))) {
                groups.add(new ImportRequest.Group(group.displayName, group.externalId, group.userIds));
            }
        });
        left.forEach((externalId, email) -> members.add(new ImportRequest.Member(email, externalId, true)));
        return new ImportRequest(groups, members, false, false, false); // as sync.invite-users-after-provisioning defaults
    }

    /** A user or a group of the {@code test} JSON; a user has no userIds. */
    private record Entry(String externalId, String displayName, List<String> userIds) {

        long fingerprint() {
            long hash = displayName.hashCode();
            for (String userId : userIds) {
                for (int i = 0; i < userId.length(); i++) {
                    hash = hash * 1_000_003 + userId.charAt(i);
                }
                hash = hash * 1_000_003 + '\n';
            }
            return hash;
        }
    }

    /** Calls back for each enabled user and each group of a {@code test} JSON. */
    private static void read(Path testJson, Consumer<Entry> users, Consumer<Entry> groups) throws IOException {
        try (JsonParser json = JSON.createParser(testJson.toFile())) {
            expect(json.nextToken(), JsonToken.START_OBJECT, testJson);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("groups") && value == JsonToken.START_ARRAY) {
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        groups.accept(entry(json));
                    }
                } else if (field.equals("enabledUsers") && value == JsonToken.START_ARRAY) {
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        users.accept(entry(json));
                    }
                } else {
                    json.skipChildren();
                }
            }
        }
    }

    private static Entry entry(JsonParser json) throws IOException {
        String externalId = null;
        String displayName = null;
        List<String> userIds = new ArrayList<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "externalId" -> externalId = json.getText();
                case "displayName" -> displayName = json.getText();
                case "userIds" -> {
                    while (json.nextToken() == JsonToken.VALUE_STRING) {
                        userIds.add(json.getText());
                    }
                }
                default -> json.skipChildren();
            }
        }
        return new Entry(externalId, displayName, userIds);
    }

    private static void expect(JsonToken token, JsonToken expected, Path file) throws IOException {
        if (token != expected) {
            throw new IOException(file + " is not dirsync test's JSON: it starts with " + token);
        }
    }
}
