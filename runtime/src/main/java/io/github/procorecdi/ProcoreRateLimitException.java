package io.github.procorecdi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Procore kept answering 429 Too Many Requests, or the connection's rate limit is exhausted. */
public class ProcoreRateLimitException extends ProcoreApiException {
    private static final long serialVersionUID = 1L;
    private final Instant resetAt;

    /**
     * @param message what failed
     * @param status  the HTTP status (429, or 0 when no request was sent because the limit is exhausted)
     * @param body    the response body
     * @param headers the response headers
     * @param resetAt when the limit resets, or {@code null} if unknown
     */
    public ProcoreRateLimitException(String message, int status, String body, Map<String, List<String>> headers, Instant resetAt) {
        super(message, status, body, headers);
        this.resetAt = resetAt;
    }

    /** @return when Procore's rate limit resets ({@code X-Rate-Limit-Reset} or {@code Retry-After}), or {@code null} */
    public Instant resetAt() {
        return resetAt;
    }
}
