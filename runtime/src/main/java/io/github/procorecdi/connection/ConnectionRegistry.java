package io.github.procorecdi.connection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.github.procorecdi.config.ConnectionConfig;

/**
 * The application's connections, by name: what the servlet web flow serves. It also records whether the
 * application serves web requests, which decides what a call off the request thread means.
 */
public final class ConnectionRegistry {
    private final Map<String, ConnectionConfig> configs;
    private final Map<String, Supplier<ConnectionRuntime>> runtimes;
    private final WebApplication webApplication;

    /**
     * @param configs        the validated configuration of every connection
     * @param runtimes       each connection's runtime (created at first use)
     * @param webApplication the application's web flag, the one its connections' subjects read
     */
    public ConnectionRegistry(Map<String, ConnectionConfig> configs, Map<String, Supplier<ConnectionRuntime>> runtimes,
                              WebApplication webApplication) {
        this.configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
        this.runtimes = Map.copyOf(runtimes);
        this.webApplication = webApplication;
    }

    /** @return the validated configuration of every connection */
    public Map<String, ConnectionConfig> configs() {
        return configs;
    }

    /** @return the runtime of a connection (created at first use) */
    public ConnectionRuntime runtime(String name) {
        Supplier<ConnectionRuntime> s = runtimes.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no Procore connection named '" + name + "'");
        }
        return s.get();
    }

    /**
     * Marks the application as a web application, from its start on: called where procore-cdi's servlet side registers
     * on it (the initializer, the extension at the start of a web module, the filter); idempotent.
     */
    public void servingWebRequests() {
        webApplication.markServing();
    }

    /** @return whether the application serves web requests */
    public boolean isWebApplication() {
        return webApplication.isServing();
    }

    @Override
    public String toString() {
        return "ConnectionRegistry" + configs.keySet();
    }
}
