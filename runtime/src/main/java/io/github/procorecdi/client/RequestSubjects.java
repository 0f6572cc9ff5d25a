package io.github.procorecdi.client;

import java.util.function.Supplier;

/**
 * The subject of the web request the current thread serves, if any. Set by the servlet web
 * filter; free of Servlet API types so that Java SE applications never load them.
 */
public final class RequestSubjects {
    private static final ThreadLocal<Supplier<String>> CURRENT = new ThreadLocal<>();

    private RequestSubjects() {
    }

    /** @return the subject of the current web request (principal name, else HTTP session), or {@code null} outside one */
    public static String current() {
        Supplier<String> s = CURRENT.get();
        return s == null ? null : s.get();
    }

    /**
     * Binds the current thread to a request.
     * @return what was bound before, to pass to {@link #restore}
     */
    public static Supplier<String> enter(Supplier<String> subject) {
        Supplier<String> previous = CURRENT.get();
        CURRENT.set(subject);
        return previous;
    }

    /** Restores the binding {@link #enter} returned. */
    public static void restore(Supplier<String> previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
