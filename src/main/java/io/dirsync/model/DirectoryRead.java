package io.dirsync.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What a source returns: every user and group it read, complete, before normalizing.
 *
 * <p><b>The reader contract.</b> A source is a route {@code direct:read-<type>} ({@code <type>} as in
 * {@code directory.type}). It receives the run's {@link ReadOptions} in the exchange property
 * {@value ReadOptions#PROPERTY} and answers, as the message body, one {@code DirectoryRead} holding everything the
 * configured selection contains; or it throws: a {@link io.dirsync.ConfigurationException} for settings it cannot
 * use (exit 2, best before any call), a {@link io.dirsync.SourceException} for a read that could not finish, or the
 * {@link io.dirsync.http.UnavailableException} of an API that stayed unavailable (exit 1).
 * It never returns a partial read: a failed page fails the whole read. Readers build it with {@link #builder()}, so
 * how a read is held can change without touching them. Emails are as read (the normalizer trims, lower-cases and
 * checks them); groups list their direct members, users and nested groups by externalId (the normalizer flattens).
 *
 * @param leftOut users the reader itself left out, with why (an external guest, say): they are reported every run,
 *                never invited, and stay in their groups' members as bwdc lists them
 */
public record DirectoryRead(List<DirectoryUser> users, List<DirectoryGroup> groups, List<LeftOut> leftOut) {

    public DirectoryRead {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        leftOut = List.copyOf(leftOut);
    }

    public DirectoryRead(List<DirectoryUser> users, List<DirectoryGroup> groups) {
        this(users, groups, List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects a read entry by entry; not thread-safe. */
    public static final class Builder {
        private final List<DirectoryUser> users = new ArrayList<>();
        private final List<DirectoryGroup> groups = new ArrayList<>();
        private final List<LeftOut> leftOut = new ArrayList<>();

        private Builder() {
        }

        public Builder user(DirectoryUser user) {
            users.add(user);
            return this;
        }

        public Builder group(DirectoryGroup group) {
            groups.add(group);
            return this;
        }

        /** A user the source read but leaves out, and why. */
        public Builder leftOut(String userExternalId, String reason) {
            leftOut.add(new LeftOut(LeftOut.Kind.USER, userExternalId, reason));
            return this;
        }

        public DirectoryRead build() {
            return new DirectoryRead(users, groups, leftOut);
        }
    }
}
