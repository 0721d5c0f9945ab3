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

    public DirectoryUser withEmail(String newEmail) {
        return new DirectoryUser(externalId, newEmail, disabled, deleted);
    }
}
