package io.github.procorecdi;

/** Base of every exception procore-cdi throws. Messages never contain secrets. */
public class ProcoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong */
    public ProcoreException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public ProcoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
