package io.github.procorecdi.extension;

import io.github.procorecdi.connection.ConnectionRegistry;
import io.github.procorecdi.connection.ContainerServices;
import jakarta.enterprise.inject.spi.CDI;

/**
 * How the runtime's servlet side (which the servlet container creates, outside CDI) finds the application's connections:
 * the {@link ConnectionRegistry} bean both extensions add, in the CDI container of the application whose thread asks
 * ({@link CDI#current()}: by the thread's context class loader or component, as the container decides). Found by the
 * runtime with {@code ServiceLoader} ({@code META-INF/services}); it keeps nothing, so nothing is shared between
 * applications.
 */
public final class CdiRegistries implements ContainerServices.Registries {
    @Override
    public ConnectionRegistry current() {
        return CDI.current().select(ConnectionRegistry.class).get();
    }

    @Override
    public String toString() {
        return "CdiRegistries";
    }
}
