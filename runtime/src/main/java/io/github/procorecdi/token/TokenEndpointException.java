package io.github.procorecdi.token;

import io.github.procorecdi.ProcoreTokenException;

/**
 * A failed token request, knowing whether it may have reached Procore. A refresh request that
 * may have reached Procore has spent its single-use refresh token and is never repeated.
 */
final class TokenEndpointException extends ProcoreTokenException {
    private static final long serialVersionUID = 1L;
    private final boolean mayHaveReachedServer;

    TokenEndpointException(String message, int status, String error, String errorDescription, Throwable cause,
                           boolean mayHaveReachedServer) {
        super(message, status, error, errorDescription, cause);
        this.mayHaveReachedServer = mayHaveReachedServer;
    }

    boolean mayHaveReachedServer() {
        return mayHaveReachedServer;
    }
}
