package io.github.procorecdi.connection;

/**
 * Whether the application serves web requests, which decides what a call off the request thread means (no signed-in
 * user, rather than the {@code default} subject). One per application, never shared between applications (in a
 * container, a bean of its own, which the connections are given when they are created): marked when the web
 * application starts, before it serves anything and before its start-up observers run (by procore-cdi's
 * {@code ServletContainerInitializer} through {@link ContainerServices.Registries} when CDI is already up there, else by
 * the extension when CDI starts the web module with its {@code ServletContext}, at the latest by the filter), so a
 * call's subject never depends on whether a request was served. The subjects of every connection read it.
 */
public final class WebApplication {
    private volatile boolean serving;

    /** Marks the application as serving web requests. */
    public void markServing() {
        serving = true;
    }

    /** @return whether the application serves web requests */
    public boolean isServing() {
        return serving;
    }

    @Override
    public String toString() {
        return serving ? "WebApplication[serving]" : "WebApplication[not serving]";
    }
}
