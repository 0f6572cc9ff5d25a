package io.github.procorecdi.internal;

import java.util.function.Supplier;

/**
 * Runs work from a server thread (a readiness check, a timer) with the application's class loader as the thread's
 * context class loader, as an application thread has it: what the work looks up (MicroProfile Config, OpenTelemetry,
 * JSON providers) is then the application's.
 */
public final class ApplicationLoader {
    private ApplicationLoader() {
    }

    /** @return what {@code work} gives, run with {@code loader} (if not {@code null}) as the context class loader */
    public static <T> T call(ClassLoader loader, Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        if (loader == null || loader == before) {
            return work.get();
        }
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
