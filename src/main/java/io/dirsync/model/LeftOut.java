package io.dirsync.model;

/** An entry the normalizer left out of the snapshot, and why, so the run can report it. */
public record LeftOut(Kind kind, String externalId, String reason) {

    public enum Kind { USER, GROUP }

    @Override
    public String toString() {
        return (kind == Kind.USER ? "user " : "group ") + externalId + ": " + reason;
    }
}
