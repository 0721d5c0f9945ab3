package io.dirsync.bitwarden;

import io.dirsync.DirsyncException;

/** Bitwarden refused or failed a request: exit code 1, the server's own message included. */
public class BitwardenException extends DirsyncException {

    public BitwardenException(String message) {
        this(message, null);
    }

    public BitwardenException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 1;
    }
}
