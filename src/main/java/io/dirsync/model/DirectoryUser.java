package io.dirsync.model;

import java.util.Objects;

/**
 * A person as read from a directory. {@code externalId} is the stable key Bitwarden links the member by;
 * {@code email} is as read until the normalizer has trimmed and lower-cased it (it may be null).
 */
public record DirectoryUser(String externalId, String email, boolean disabled, boolean deleted) {

    public DirectoryUser {
        Objects.requireNonNull(externalId, "externalId");
    }

    /** This user with that email: this very one when the email is already that (most are, once normalized). */
    public DirectoryUser withEmail(String newEmail) {
        if (Objects.equals(email, newEmail)) {
            return this;
        }
        return new DirectoryUser(externalId, newEmail, disabled, deleted);
    }
}
