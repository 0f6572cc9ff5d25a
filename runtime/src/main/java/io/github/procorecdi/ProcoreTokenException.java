package io.github.procorecdi;

/**
 * Procore's token endpoint refused a request or failed to answer. {@link #error()} and
 * {@link #errorDescription()} are the RFC 6749 fields of its answer, when it gave them.
 */
public class ProcoreTokenException extends ProcoreException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String error;
    private final String errorDescription;

    /**
     * @param message          what failed (no secrets)
     * @param status           HTTP status, or 0 when no answer was received
     * @param error            RFC 6749 {@code error}, or {@code null}
     * @param errorDescription RFC 6749 {@code error_description}, or {@code null}
     * @param cause            the underlying failure, or {@code null}
     */
    public ProcoreTokenException(String message, int status, String error, String errorDescription, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
        this.errorDescription = errorDescription;
    }

    /** @return the HTTP status, or 0 when no answer was received */
    public int status() {
        return status;
    }

    /** @return the RFC 6749 error code, e.g. {@code invalid_grant}, or {@code null} */
    public String error() {
        return error;
    }

    /** @return the RFC 6749 error description, or {@code null} */
    public String errorDescription() {
        return errorDescription;
    }
}
