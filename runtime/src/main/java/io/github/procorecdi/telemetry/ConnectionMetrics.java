package io.github.procorecdi.telemetry;

/**
 * What one connection reports to operators. Nothing here is called on the cached-token path: only token requests,
 * callers that waited for a token, retries and rate-limit waits are recorded, each already a slow path. Implementations
 * never receive a subject, a token or a secret, so attribute values stay bounded and safe.
 */
public interface ConnectionMetrics {
    /** Records nothing (no telemetry API, or switched off). */
    ConnectionMetrics NONE = new ConnectionMetrics() {
    };

    /** Outcome of a token request that Procore answered with a token. */
    String SUCCESS = "success";
    /** Outcome of a token request refused with {@code invalid_grant} (a spent or revoked refresh token, a used code). */
    String INVALID_GRANT = "invalid_grant";
    /** Outcome of a token request refused with another OAuth error (a wrong client, a bad request). */
    String REJECTED = "rejected";
    /** Outcome of a token request that got no usable answer (I/O failure, timeout, 5xx, unreadable answer). */
    String ERROR = "error";

    /**
     * A token request starts (the {@code procore.token} span).
     *
     * @param grant its {@code grant_type}: {@code authorization_code}, {@code refresh_token} or {@code client_credentials}
     * @return what to end when the answer (or failure) is in
     */
    default TokenRequest tokenRequest(String grant) {
        return TokenRequest.NONE;
    }

    /** A caller waited {@code nanos} for a token (it had none that was valid, or it was rejected). */
    default void tokenWait(long nanos) {
    }

    /** A call is sent again after {@code status} ({@code 0}: an I/O failure). */
    default void retry(int status) {
    }

    /** A call waits for its subject's rate-limit window to reset before it is sent. */
    default void rateLimitWait() {
    }

    /** One token request in flight. */
    /**
     * Stops what the metrics registered with the telemetry (the callbacks of observable instruments, which refer to the
     * connection): the connection closes, and a meter provider that outlives the application must not keep it.
     */
    default void close() {
    }

    interface TokenRequest {
        /** Ends nothing. */
        TokenRequest NONE = outcome -> {
        };

        /** @param outcome one of {@link #SUCCESS}, {@link #INVALID_GRANT}, {@link #REJECTED}, {@link #ERROR} */
        void end(String outcome);
    }
}
