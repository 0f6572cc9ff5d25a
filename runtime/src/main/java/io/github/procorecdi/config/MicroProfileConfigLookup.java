package io.github.procorecdi.config;

import java.util.Optional;

import org.eclipse.microprofile.config.Config;

/** {@link ConfigLookup} over MicroProfile Config (a class of its own, so that plain Java SE code never needs the API). */
public final class MicroProfileConfigLookup implements ConfigLookup {
    private final Config config;

    private MicroProfileConfigLookup(Config config) {
        this.config = config;
    }

    /** @return the lookup of {@code config} */
    public static ConfigLookup of(Config config) {
        return new MicroProfileConfigLookup(config);
    }

    @Override
    public Iterable<String> propertyNames() {
        return config.getPropertyNames();
    }

    @Override
    public Optional<String> value(String property) {
        return config.getOptionalValue(property, String.class);
    }
}
