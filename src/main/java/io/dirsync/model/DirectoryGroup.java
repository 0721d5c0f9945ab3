package io.dirsync.model;

import java.util.Objects;
import java.util.Set;

/**
 * A group as read from a directory: members are externalIds of users and of other groups. After the
 * normalizer has flattened nesting, {@code memberUserIds} holds every user the group reaches and
 * {@code memberGroupIds} is empty. Member users are kept as {@link SortedIds}, whatever set they are given as.
 */
public record DirectoryGroup(String externalId, String name, Set<String> memberUserIds, Set<String> memberGroupIds) {

    public DirectoryGroup {
        Objects.requireNonNull(externalId, "externalId");
        memberUserIds = SortedIds.copyOf(memberUserIds);
        memberGroupIds = Set.copyOf(memberGroupIds);
    }

    public DirectoryGroup flattened(Set<String> allMemberUserIds) {
        return new DirectoryGroup(externalId, name, allMemberUserIds, Set.of());
    }
}
