package io.github.procorecdi.extension;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

import io.github.procorecdi.extension.telemetry.OpenTelemetryLookup;
import io.github.procorecdi.internal.ApplicationLoader;
import io.github.procorecdi.telemetry.Telemetry;
import jakarta.enterprise.inject.spi.BeanContainer;

/**
 * The connections' metrics and spans on the application's OpenTelemetry, looked up once. The lookup is made when the
 * application starts, on the thread that starts it ({@link #resolveAtStart()}), and otherwise at first use.
 * <p>
 * Why at start: MicroProfile Telemetry's {@code OpenTelemetry} bean is application-scoped, so the server makes its
 * instance at the first call through the bean and keeps it for the application's life. A server may decide which SDK
 * that is by the application running on the calling thread (Payara Micro does); made on a server thread, such as a
 * readiness check's, it is not the application's configured SDK, and everything recorded on it is lost, the
 * application's own telemetry included.
 */
final class ApplicationTelemetry implements Supplier<Telemetry> {
    private static final Logger LOG = Logger.getLogger(ApplicationTelemetry.class.getName());

    private final BeanContainer container;
    /** The application's class loader: a first use on a server thread looks the telemetry up with it. */
    private final ClassLoader application;
    private final AtomicReference<Telemetry> found = new AtomicReference<>();

    private ApplicationTelemetry(BeanContainer container, ClassLoader application) {
        this.container = container;
        this.application = application;
    }

    /**
     * @return the telemetry of the application whose beans {@code container} has, where the OpenTelemetry API is visible
     *         (on Open Liberty only with {@code apiTypeVisibility="+third-party"}); otherwise {@code null}
     */
    static ApplicationTelemetry of(BeanContainer container) {
        if (container == null || !ApplicationConnections.visible(OpenTelemetryLookup.API)) {
            return null;
        }
        return new ApplicationTelemetry(container, Thread.currentThread().getContextClassLoader());
    }

    @Override
    public Telemetry get() {
        return found.updateAndGet(t -> t != null ? t : ApplicationLoader.call(application, () -> OpenTelemetryLookup.telemetry(container)));
    }

    /**
     * Looks the telemetry up now, on the thread starting the application, if the application has an
     * {@code OpenTelemetry} bean (without one, {@code GlobalOpenTelemetry} is left alone until first use, so that the
     * application may still set it). A failure leaves the lookup to the first use.
     */
    void resolveAtStart() {
        try {
            if (found.get() == null && OpenTelemetryLookup.hasBean(container)) {
                get();
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.fine(() -> "procore-cdi: the application's OpenTelemetry is looked up at first use instead of at start: " + e);
        }
    }
}
