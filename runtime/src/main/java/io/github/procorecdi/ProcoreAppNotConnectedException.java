package io.github.procorecdi;

import java.util.List;
import java.util.Map;

/**
 * Procore answered 403 "App is not connected to this company": the company has not installed the app
 * (or removed it). After one, further calls of the connection for that company fail at once with this
 * exception, sending nothing, for {@code not-connected-pause} (default {@code PT5M}); other companies
 * are unaffected.
 */
public class ProcoreAppNotConnectedException extends ProcoreApiException {
    private static final long serialVersionUID = 1L;
    /** Procore's message for a company that has not installed the app. */
    public static final String PROCORE_MESSAGE = "App is not connected to this company";
    private final Long companyId;

    /**
     * @param message   what failed
     * @param status    the HTTP status (403; 0 when the call failed at once, sending nothing)
     * @param body      the response body
     * @param headers   the response headers
     * @param companyId the {@code Procore-Company-Id} the call sent, or {@code null}
     */
    public ProcoreAppNotConnectedException(String message, int status, String body, Map<String, List<String>> headers, Long companyId) {
        super(message, status, body, headers);
        this.companyId = companyId;
    }

    /** @return the {@code Procore-Company-Id} the refused call sent, or {@code null} if it sent none */
    public Long companyId() {
        return companyId;
    }
}
