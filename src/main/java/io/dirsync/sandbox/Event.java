package io.dirsync.sandbox;

import java.time.Instant;

/**
 * One logged event. Imports log as the system user {@value #PUBLIC_API} (PublicApi).
 *
 * @param memberId the member it is about, or {@code null}
 * @param groupId  the group it is about, or {@code null}
 */
public record Event(EventType type, String memberId, String groupId, int systemUser, Instant date) {

    /** {@code EventSystemUser.PublicApi}. */
    public static final int PUBLIC_API = 3;

    static Event aboutMember(EventType type, String memberId) {
        return new Event(type, memberId, null, PUBLIC_API, Instant.now());
    }

    static Event aboutGroup(EventType type, String groupId) {
        return new Event(type, null, groupId, PUBLIC_API, Instant.now());
    }
}
