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
    private volatile boolean webApplication;

    public ConnectionRegistry(Map<String, ConnectionConfig> configs, Map<String, Supplier<ConnectionRuntime>> runtimes) {
        this.configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
        this.runtimes = Map.copyOf(runtimes);
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

    /** Marks the application as a web application (called by the servlet filter when it starts). */
    public void servingWebRequests() {
        webApplication = true;
    }

    /** @return whether the application serves web requests */
    public boolean isWebApplication() {
        return webApplication;
    }

    @Override
    public String toString() {
        return "ConnectionRegistry" + configs.keySet();
    }
}
