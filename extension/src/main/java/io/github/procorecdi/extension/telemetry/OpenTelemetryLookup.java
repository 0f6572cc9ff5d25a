package io.github.procorecdi.extension.telemetry;

import io.github.procorecdi.telemetry.OpenTelemetryMetrics;
import io.github.procorecdi.telemetry.Telemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanContainer;

/**
 * Finds the application's OpenTelemetry: the {@code OpenTelemetry} bean MicroProfile Telemetry provides (or the
 * application produces), else {@link GlobalOpenTelemetry} (a no-op unless an agent or the application set one). Loaded
 * only where the OpenTelemetry API is visible to the application (the extension checks first).
 */
public final class OpenTelemetryLookup {
    /** The API class whose visibility switches metrics and spans on. */
    public static final String API = "io.opentelemetry.api.OpenTelemetry";

    private OpenTelemetryLookup() {
    }

    /** @return the metrics and spans of every connection, on the application's OpenTelemetry */
    public static Telemetry telemetry(BeanContainer beanManager) {
        Instance<OpenTelemetry> bean = beanManager.createInstance().select(OpenTelemetry.class);
        OpenTelemetry otel = bean.isResolvable() ? made(bean.get()) : GlobalOpenTelemetry.get();
        return OpenTelemetryMetrics.telemetry(otel);
    }

    /** @return whether the application has an {@code OpenTelemetry} bean (MicroProfile Telemetry's, or its own) */
    public static boolean hasBean(BeanContainer beanManager) {
        return beanManager.createInstance().select(OpenTelemetry.class).isResolvable();
    }

    /**
     * @return {@code otel}, after a first call through it: an application-scoped bean's client proxy makes its instance at
     *         the first call, and that call must come from the thread looking it up (see ApplicationTelemetry)
     */
    private static OpenTelemetry made(OpenTelemetry otel) {
        otel.getMeterProvider();
        return otel;
    }
}
