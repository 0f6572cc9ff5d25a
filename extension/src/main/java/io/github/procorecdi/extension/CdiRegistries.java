package io.github.procorecdi.extension;

import io.github.procorecdi.connection.ConnectionRegistry;
import io.github.procorecdi.connection.ContainerServices;
import io.github.procorecdi.connection.WebApplication;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

/**
 * How the runtime's servlet side (which the servlet container creates, outside CDI) finds the application's connections:
 * the {@link ConnectionRegistry} bean both extensions add, in the CDI container of the application whose thread asks
 * ({@link CDI#current()}: by the thread's context class loader or component, as the container decides). Found by the
 * runtime with {@code ServiceLoader} ({@code META-INF/services}); it keeps nothing, so nothing is shared between
 * applications. Marking a web application never creates the connections: the application's {@link WebApplication}
 * flag is a bean of its own, which both extensions add and hand to the connections when they create them (Quarkus starts
 * its servlet container before it reads the run-time configuration the connections need).
 */
public final class CdiRegistries implements ContainerServices.Registries {
    @Override
    public ConnectionRegistry current() {
        return CDI.current().select(ConnectionRegistry.class).get();
    }

    @Override
    public void markWebApplication() {
        Instance<WebApplication> web = CDI.current().select(WebApplication.class);
        if (web.isResolvable()) {
            web.get().markServing();
        }
    }

    @Override
    public String toString() {
        return "CdiRegistries";
    }
}
