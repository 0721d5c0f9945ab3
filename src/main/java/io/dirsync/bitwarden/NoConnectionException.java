package io.dirsync.bitwarden;

import java.util.Optional;

/** Nothing answered at Bitwarden's address: the connection was refused or never set up. */
public class NoConnectionException extends BitwardenUnavailableException {

    public NoConnectionException(String message, Throwable cause) {
        super(message, Optional.empty(), cause);
    }
}
