package io.github.procorecdi.telemetry;

import java.util.function.LongSupplier;

/** Creates each connection's {@link ConnectionMetrics}; the container supplies one where a telemetry API is present. */
@FunctionalInterface
public interface Telemetry {
    /** No telemetry. */
    Telemetry NONE = (connection, grant, rateLimitRemaining) -> ConnectionMetrics.NONE;

    /**
     * @param connection         the connection's name (an attribute value: bounded by the configuration)
     * @param grant              the connection's grant, as Procore names it
     * @param rateLimitRemaining the last {@code X-Rate-Limit-Remaining} the connection saw, or a negative number before
     *                           any, for a gauge read when the metrics are collected
     */
    ConnectionMetrics connection(String connection, String grant, LongSupplier rateLimitRemaining);

    /**
     * As {@link #connection(String, String, LongSupplier)}, with the connection's API calls for the
     * {@code procore.api.calls} counter (read when metrics are collected).
     */
    default ConnectionMetrics connection(String connection, String grant, LongSupplier rateLimitRemaining, ApiCallTotals apiCalls) {
        return connection(connection, grant, rateLimitRemaining);
    }
}
