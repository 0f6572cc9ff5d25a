package io.github.procorecdi.web;

import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.function.Supplier;

import io.github.procorecdi.connection.ConnectionRegistry;
import io.github.procorecdi.connection.ContainerServices;

/**
 * The application's connections as the servlet side finds them without CDI: through the extension's implementation of
 * {@link ContainerServices.Registries}, found with {@link ServiceLoader} and the runtime's own class loader (as
 * {@code ProcoreConnections} finds its implementation: the extension's jar sits beside the runtime's in a WAR, a server
 * module or a Quarkus application). One per web application (the initializer makes it), so nothing found here is
 * shared between applications; the implementation answers for the application whose thread asks.
 */
final class ExtensionRegistry implements Supplier<ConnectionRegistry> {
    private volatile ContainerServices.Registries registries;

    @Override
    public ConnectionRegistry get() {
        return registries().current();
    }

    /** @see ContainerServices.Registries#markWebApplication() */
    void markWebApplication() {
        registries().markWebApplication();
    }

    private ContainerServices.Registries registries() {
        ContainerServices.Registries r = registries;
        if (r == null) {
            Iterator<ContainerServices.Registries> found = ServiceLoader.load(ContainerServices.Registries.class,
                    ContainerServices.Registries.class.getClassLoader()).iterator();
            if (!found.hasNext()) {
                throw new IllegalStateException("no " + ContainerServices.Registries.class.getName() + " on the class path: "
                        + "procore-cdi's extension (io.github.procorecdi:procore-cdi-extension) is missing or was repackaged "
                        + "without its META-INF/services");
            }
            r = found.next();
            registries = r;
        }
        return r;
    }

    @Override
    public String toString() {
        return "ExtensionRegistry";
    }
}
