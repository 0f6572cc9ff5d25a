package io.github.procorecdi.internal;

import java.util.List;
import java.util.Map;

/** Case-insensitive lookup in a header map as JAX-RS hands it over (names as the server sent them). */
public final class Headers {
    private Headers() {
    }

    /** @return the first value of header {@code name} (any case), or {@code null} */
    public static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
