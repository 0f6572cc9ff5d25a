package io.github.procorecdi.store;

import io.github.procorecdi.ProcoreException;

/**
 * A stored entry exists but cannot be read (sealed with a key this application does not have,
 * tampered with, or stored in clear text while encryption is required). The engine treats it as no
 * token: the subject is asked to authorize again, and the entry is overwritten at the next sign-in.
 */
public final class UnreadableTokenException extends ProcoreException {
    private static final long serialVersionUID = 1L;

    public UnreadableTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
