package io.github.procorecdi.connection;

import io.github.procorecdi.ProcoreSubjectResolver;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.client.RetryRules;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.store.jdbc.JdbcConnections;
import io.github.procorecdi.store.jdbc.JdbcStores;
import io.github.procorecdi.telemetry.Telemetry;
import io.github.procorecdi.webhooks.WebhookEvents;

/**
 * What only the container knows, as one connection's runtime asks for it: the one port from the runtime to CDI. The
 * extension implements it once, for its portable and its build-compatible form alike; Java SE uses {@link #NONE}. Each
 * method has the Java SE answer as its default, so an implementation overrides what its container knows.
 */
public interface ContainerServices {
    /** No container: no application beans, no events, no telemetry, the configured retries, not a web application. */
    ContainerServices NONE = new ContainerServices() {
    };

    /** @return the application's {@code @Named(name)} {@link TokenStore} bean, or {@code null} if it has none */
    default TokenStore namedTokenStore(String name) {
        return null;
    }

    /** @return the application's {@link ProcoreSubjectResolver}, or {@code null} (asked at the first call that needs a subject) */
    default ProcoreSubjectResolver subjectResolver() {
        return null;
    }

    /** @return where the connection's webhook events go (CDI events in a container) */
    default WebhookEvents webhookEvents() {
        return WebhookEvents.NONE;
    }

    /**
     * @return the metrics and spans to report to (asked at the connection's first token request, token wait, retry or
     *         rate-limit wait)
     */
    default Telemetry telemetry() {
        return Telemetry.NONE;
    }

    /** @return each client method's retries (in a container: from the application's Fault Tolerance annotations) */
    default RetryRules retryRules() {
        return RetryRules.CONFIGURED;
    }

    /**
     * @return the connections of a {@code jdbc} store, asked once, at the store's first use (a container resolves them at
     *         deployment, on an application thread, so that readiness checks, timers and renewals can use them)
     */
    default JdbcConnections jdbcConnections(TokenStoreConfig store) {
        return JdbcStores.connections(store);
    }

    /** @return the application's web flag, read at each call that needs a subject (never marked outside a web application) */
    default WebApplication webApplication() {
        return new WebApplication();
    }

    /**
     * The other half of this port, for the servlet side, which the container creates without CDI: how procore-cdi's
     * {@code ServletContainerInitializer} and filter find the {@link ConnectionRegistry} of the application whose thread
     * this is (its start, its requests). The extension implements it; the runtime's {@code web} package finds that
     * implementation with {@link java.util.ServiceLoader} and its own class loader ({@code META-INF/services} of the
     * extension's jar), and knows nothing of how the extension finds the registry.
     */
    interface Registries {
        /**
         * @return the registry of the application whose thread this is
         * @throws RuntimeException when there is none (yet): the container has not started it, or it has no procore-cdi
         */
        ConnectionRegistry current();

        /**
         * Marks the application whose thread this is as a web application: its {@link WebApplication} flag, never creating
         * its connections (a container may start a web module before it has read the run-time configuration they need, as
         * Quarkus does; they take the flag when they are created).
         *
         * @throws RuntimeException when the container is not up yet
         */
        void markWebApplication();
    }
}
