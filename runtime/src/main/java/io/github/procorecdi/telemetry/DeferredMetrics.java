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

    /**
     * The metrics {@code factory} creates, asked at first use and kept once created. A failure is not kept: the first
     * recording may come from a thread that cannot reach the application's telemetry yet (a server's readiness check,
     * a timer), and the metrics must work once an application thread asks. While it fails, recordings go nowhere and the
     * factory is asked again at most once a second.
     *
     * @return metrics created at first successful use
     */
    public static ConnectionMetrics untilCreated(Supplier<ConnectionMetrics> factory) {
        return new DeferredMetrics(new CreatedOnce(factory));
    }

    /** The metrics a factory created at its first successful call; none once closed. */
    private static final class CreatedOnce implements Supplier<ConnectionMetrics> {
        private final Supplier<ConnectionMetrics> factory;
        private volatile ConnectionMetrics created;
        private volatile long retryAt;
        private volatile boolean closed;

        CreatedOnce(Supplier<ConnectionMetrics> factory) {
            this.factory = factory;
        }

        @Override
        public ConnectionMetrics get() {
            ConnectionMetrics m = created;
            if (m != null) {
                return m;
            }
            synchronized (this) {
                if (created != null) {
                    return created;
                }
                long now = System.nanoTime();
                if (closed || retryAt != 0 && now - retryAt < 0) {
                    return NONE;
                }
                try {
                    m = factory.get();
                } catch (RuntimeException | LinkageError e) {
                    Logger.getLogger(DeferredMetrics.class.getName()).log(Level.FINE,
                            "procore-cdi metrics are not available yet (asked again later): " + e);
                    m = null;
                }
                if (m == null) {
                    retryAt = now + 1_000_000_000L;
                    return NONE;
                }
                created = m;
                return m;
            }
        }

        synchronized void close() {
            closed = true;
            ConnectionMetrics m = created;
            created = NONE;
            if (m != null) {
                m.close();
            }
        }
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

    /** Closes the metrics if they were created; later recordings go nowhere. */
    @Override
    public void close() {
        if (metrics instanceof CreatedOnce once) {
            once.close();
        } else {
            metrics.get().close();
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
