package io.github.procorecdi;

import java.util.Objects;

/**
 * One of Procore's Integration Health observations over the last 14 days (UTC, today included).
 *
 * @param signal what is observed
 * @param state  its rolled-up state (procore-cdi's rules, docs/integration-health.md)
 * @param count  calls with that signal in the window
 * @param calls  all calls in the window
 */
public record IntegrationObservation(Signal signal, State state, long count, long calls) {

    public IntegrationObservation {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(state, "state");
    }

    /** The seven observations, in the order of Procore's Developer Portal. */
    public enum Signal {
        /** Answers 403 Forbidden. */
        FORBIDDEN_403,
        /** Answers 404 Not Found. */
        NOT_FOUND_404,
        /** Answers 429 Too Many Requests. */
        RATE_LIMITED_429,
        /** Answers 401 Unauthorized. */
        UNAUTHORIZED_401,
        /** Company-scoped calls sent without {@code Procore-Company-Id}. */
        MISSING_COMPANY_ID,
        /** Answers carrying a {@code Deprecation} or {@code Sunset} header, or calls of methods annotated {@code @Deprecated}. */
        DEPRECATED_ENDPOINT,
        /** Calls of routes the application declares private ({@code health.private-routes}). */
        PRIVATE_ENDPOINT
    }

    /** A rolled-up state, as Procore names them. */
    public enum State {
        /** No critical day in the window; warning days isolated. */
        HEALTHY,
        /** A critical or warning signal appeared, but it does not dominate the latest traffic. */
        REVIEW_RECOMMENDED,
        /** A critical signal is active in recent traffic, or recurred across the window. */
        NEEDS_ATTENTION
    }
}
