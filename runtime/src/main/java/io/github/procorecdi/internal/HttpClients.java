package io.github.procorecdi.internal;

import java.net.http.HttpClient;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Letting go of a JDK {@link HttpClient} whose owner closes. On Java 21 and later the client is shut down at once
 * ({@code shutdownNow()}: its selector thread ends, requests in flight fail). Java 17 to 20 offer no way to stop one:
 * its selector thread ({@code HttpClient-<n>-SelectorManager}, which keeps the context class loader of the thread that
 * created the client) ends once the client is garbage collected, so the owner must drop every reference it has to it,
 * which is what owners do before calling {@link #shutDown}.
 */
public final class HttpClients {
    private static final Logger LOG = Logger.getLogger(HttpClients.class.getName());

    private HttpClients() {
    }

    /**
     * Shuts {@code client} down where the JDK can (21 and later); does nothing before (the client ends when collected).
     *
     * @param what whose client it is, for the FINE line of a failure
     */
    public static void shutDown(HttpClient client, String what) {
        if (client == null) {
            return;
        }
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(client);
        } catch (NoSuchMethodException e) {
            // Java 17 to 20: collected instead
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "procore-cdi: shutting the HTTP client of {0} down failed: {1}", new Object[] {what, e.toString()});
        }
    }
}
