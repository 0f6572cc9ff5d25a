package io.github.procorecdi.samples.serviceaccount;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Lowest-priority configuration pointing the {@code dmsa} connection at the in-process simulator.
 * Empty unless {@link ServiceAccountSync} started the simulator because nothing else configured
 * the connection; real configuration (environment, system properties, microprofile-config.properties)
 * always wins.
 */
public final class SimulatorDefaults implements ConfigSource {
    static final String NAME = "procore-simulator-defaults";
    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();

    static void set(Map<String, String> values) {
        VALUES.putAll(values);
    }

    @Override
    public Set<String> getPropertyNames() {
        return VALUES.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return VALUES.get(propertyName);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getOrdinal() {
        return 10;
    }
}
