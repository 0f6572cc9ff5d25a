package io.github.procorecdi.telemetry;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A connection's metrics created at their first use, not at deployment: the container's telemetry (an
 * {@code OpenTelemetry} bean) may only be usable once the application runs. The supplier is asked at every recording
 * and must be memoizing (the connection runtime's lazy holder); {@link #orNone} makes a failure to create them switch
 * them off for the connection instead of failing its calls.
 */
public final class DeferredMetrics implements ConnectionMetrics {
    private final Supplier<ConnectionMetrics> metrics;

    /** @param metrics the connection's metrics, created at the first call (memoized by the caller) */
    public DeferredMetrics(Supplier<ConnectionMetrics> metrics) {
        this.metrics = metrics;
    }

    /** @return what {@code factory} creates, or {@link #NONE} if it fails or gives nothing */
    public static ConnectionMetrics orNone(Supplier<ConnectionMetrics> factory) {
        try {
            ConnectionMetrics m = factory.get();
            return m == null ? NONE : m;
        } catch (RuntimeException | LinkageError e) {
            Logger.getLogger(DeferredMetrics.class.getName()).log(Level.FINE, "procore-cdi metrics are off: " + e);
            return NONE;
        }
    }

    @Override
    public TokenRequest tokenRequest(String grant) {
        return metrics.get().tokenRequest(grant);
    }

    @Override
    public void tokenWait(long nanos) {
        metrics.get().tokenWait(nanos);
    }

    @Override
    public void retry(int status) {
        metrics.get().retry(status);
    }

    @Override
    public void rateLimitWait() {
        metrics.get().rateLimitWait();
    }
}
