package io.github.procorecdi.samples.installedapp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.spi.ConfigSource;

/** Lowest-priority configuration pointing the connection at the Procore simulator (used only when nothing else configures it). */
public final class SimulatorDefaults implements ConfigSource {
    static final String NAME = "procore-simulator-defaults";
    private static final Map<String, String> VALUES = new ConcurrentHashMap<>();

    static void set(Map<String, String> values) {
        VALUES.clear();
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
