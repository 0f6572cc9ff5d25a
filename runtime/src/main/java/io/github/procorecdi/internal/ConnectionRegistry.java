package io.github.procorecdi.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.github.procorecdi.config.ConnectionConfig;

/** The application's connections, by name: what the servlet web flow serves. */
public final class ConnectionRegistry {
    private final Map<String, ConnectionConfig> configs;
    private final Map<String, Supplier<ConnectionRuntime>> runtimes;

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

    @Override
    public String toString() {
        return "ConnectionRegistry" + configs.keySet();
    }
}
