package io.github.procorecdi.extension.health;

import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.github.procorecdi.internal.ApplicationLoader;
import io.github.procorecdi.connection.ConnectionProbe;
import io.github.procorecdi.connection.ConnectionRuntime;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;

/**
 * One MicroProfile Health readiness check per connection, named {@code procore-cdi:<name>}. Loaded only where the
 * Health API is on the class path (the extension checks first), so applications without it never see these types.
 */
public final class ReadinessChecks {
    /** The Health API class whose presence switches the checks on. */
    public static final String API = "org.eclipse.microprofile.health.HealthCheck";

    private ReadinessChecks() {
    }

    /**
     * Adds a readiness check bean for each connection.
     *
     * @param application the application's class loader: checks run on server threads, and run with it as their context
     *                    class loader
     */
    public static void register(AfterBeanDiscovery event, Map<String, Supplier<ConnectionRuntime>> runtimes, ClassLoader application) {
        runtimes.forEach((name, runtime) -> event.addBean()
                .id("procore-cdi:health:" + name)
                .beanClass(ReadinessChecks.class)
                .types(HealthCheck.class, Object.class)
                .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE)
                // @Dependent, not a client proxy: WildFly keeps checks in a map keyed by equals(), and Weld's client
                // proxies of one bean class are all equal there, so only one check would be listed
                .scope(Dependent.class)
                .createWith(cc -> new ConnectionReadiness(name, runtime, application)));
    }

    /** @return the readiness check of one connection (the build-compatible extension's beans make it at run time) */
    public static HealthCheck of(String name, Supplier<ConnectionRuntime> runtime, ClassLoader application) {
        return new ConnectionReadiness(name, runtime, application);
    }

    /** The check of one connection. */
    static final class ConnectionReadiness implements HealthCheck {
        private final String name;
        private final Supplier<ConnectionRuntime> runtime;
        private final ClassLoader application;

        ConnectionReadiness(String name, Supplier<ConnectionRuntime> runtime, ClassLoader application) {
            this.name = name;
            this.runtime = runtime;
            this.application = application;
        }

        @Override
        public HealthCheckResponse call() {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("procore-cdi:" + name);
            ConnectionProbe.Result result;
            try {
                result = ApplicationLoader.call(application, () -> runtime.get().probe());
            } catch (RuntimeException e) {
                return response.down().withData("reason", e.getClass().getSimpleName()).build();
            }
            result.data().forEach(response::withData);
            if (!result.up()) {
                response.withData("reason", result.reason());
            }
            return response.status(result.up()).build();
        }

        @Override
        public String toString() {
            return "ConnectionReadiness[procore-cdi:" + name + "]";
        }
    }
}
