package io.github.procorecdi.telemetry;

/**
 * A connection's API calls since it started, by HTTP method, normalized route and response code: what the
 * {@code procore.api.calls} counter reports, read when metrics are collected (never on a call's path).
 */
@FunctionalInterface
public interface ApiCallTotals {
    /** None. */
    ApiCallTotals NONE = sink -> {
    };

    /** Hands each (method, route, code) and its count to {@code sink}, each once. */
    void forEach(Sink sink);

    /** Receives totals. */
    @FunctionalInterface
    interface Sink {
        void accept(String method, String route, int status, long count);
    }
}
