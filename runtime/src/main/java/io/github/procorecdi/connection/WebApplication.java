package io.github.procorecdi.connection;

/**
 * Whether the application serves web requests, which decides what a call off the request thread means (no signed-in
 * user, rather than the {@code default} subject). One per application: the servlet filter marks it through the
 * {@link ConnectionRegistry} when it starts, and the subjects of every connection read it; nothing else decides it.
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
