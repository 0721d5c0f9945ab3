package io.dirsync.bitwarden;

/** The API answered 401: the access token expired or was revoked. Renewed once, then fatal. */
public class TokenRejectedException extends BitwardenException {

    public TokenRejectedException(String message) {
        super(message);
    }
}
