package io.dirsync.model;

import java.util.List;

/**
 * What a source returns: every user and group it read, complete, before normalizing. A source that
 * cannot finish its read throws instead of returning a partial one.
 */
public record DirectoryRead(List<DirectoryUser> users, List<DirectoryGroup> groups) {

    public DirectoryRead {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
    }
}
