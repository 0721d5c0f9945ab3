package io.dirsync.model;

import java.util.List;

/**
 * A complete, normalized read: emails trimmed and lower-cased, invalid entries left out (and listed in
 * {@code leftOut}), groups flattened. It exists only if the read finished without error.
 */
public record Snapshot(List<DirectoryUser> users, List<DirectoryGroup> groups, List<LeftOut> leftOut) {

    public Snapshot {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        leftOut = List.copyOf(leftOut);
    }
}
