package io.dirsync.sandbox;

/** Which server the sandbox imitates (bitwarden-api.md §1–2 for the official one, §3 for Vaultwarden). */
public enum ServerMode {
    /** Bitwarden's own server, cloud or self-hosted. */
    OFFICIAL,
    /** Vaultwarden, the Rust re-implementation many self-hosters run. */
    VAULTWARDEN
}
