package io.github.procorecdi.config;

import java.util.Map;
import java.util.Optional;

/** Where {@link ConnectionConfigReader} reads properties: MicroProfile Config in a container, a map in plain Java SE. */
public interface ConfigLookup {

    /** @return every property name there is (to find the configured connections) */
    Iterable<String> propertyNames();

    /** @return the value of {@code property}, if set */
    Optional<String> value(String property);

    /** @return the properties of {@code properties}, full names ({@code procore.<name>.client-id}) as keys */
    static ConfigLookup of(Map<String, String> properties) {
        Map<String, String> copy = Map.copyOf(properties);
        return new ConfigLookup() {
            @Override
            public Iterable<String> propertyNames() {
                return copy.keySet();
            }

            @Override
            public Optional<String> value(String property) {
                return Optional.ofNullable(copy.get(property));
            }
        };
    }
}
