package io.github.procorecdi.telemetry;

import java.util.function.Supplier;

/**
 * A connection's metrics created at their first use, not at deployment: the container's telemetry (an
 * {@code OpenTelemetry} bean) may only be usable once the application runs. A failure to create them switches them off
 * for the connection instead of failing its calls.
 */
public final class DeferredMetrics implements ConnectionMetrics {
    private final Supplier<ConnectionMetrics> factory;
    private volatile ConnectionMetrics metrics;

    public DeferredMetrics(Supplier<ConnectionMetrics> factory) {
        this.factory = factory;
    }

    private ConnectionMetrics metrics() {
        ConnectionMetrics m = metrics;
        if (m == null) {
            synchronized (this) {
                m = metrics;
                if (m == null) {
                    try {
                        m = factory.get();
                    } catch (RuntimeException | LinkageError e) {
                        m = NONE;
                        java.util.logging.Logger.getLogger(DeferredMetrics.class.getName()).log(java.util.logging.Level.FINE,
                                "procore-cdi metrics are off: " + e);
                    }
                    metrics = m == null ? NONE : m;
                    m = metrics;
                }
            }
        }
        return m;
    }

    @Override
    public TokenRequest tokenRequest(String grant) {
        return metrics().tokenRequest(grant);
    }

    @Override
    public void tokenWait(long nanos) {
        metrics().tokenWait(nanos);
    }

    @Override
    public void retry(int status) {
        metrics().retry(status);
    }

    @Override
    public void rateLimitWait() {
        metrics().rateLimitWait();
    }
}
