package io.github.procorecdi.health;

import java.util.ArrayList;
import java.util.List;

/**
 * The routes an application declares private ({@code health.private-routes}): comma-separated path templates, each
 * matched exactly, or a prefix ending in {@code *}. Calls of them are Private Endpoint Usage.
 */
public final class PrivateRoutes {
    /** No route is private. */
    public static final PrivateRoutes NONE = new PrivateRoutes(List.of(), List.of());

    private final List<String> exact;
    private final List<String> prefixes;

    private PrivateRoutes(List<String> exact, List<String> prefixes) {
        this.exact = exact;
        this.prefixes = prefixes;
    }

    /** @param value the property's value, or {@code null} */
    public static PrivateRoutes parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith("*")) {
                prefixes.add(p.substring(0, p.length() - 1).trim());
            } else {
                exact.add(ApiRoutes.normalize(p));
            }
        }
        return new PrivateRoutes(List.copyOf(exact), List.copyOf(prefixes));
    }

    /** @return a problem with the property's value, or {@code null} */
    public static String problem(String value) {
        if (value == null) {
            return null;
        }
        for (String part : value.split(",")) {
            String p = part.trim();
            if (!p.isEmpty() && !p.startsWith("/")) {
                return "'" + p + "' is not a path template: each entry starts with '/' (e.g. /rest/v1.0/internal/{id} or /rest/v1.0/internal/*)";
            }
        }
        return null;
    }

    public boolean matches(String route) {
        if (exact.contains(route)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (route.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return exact.isEmpty() && prefixes.isEmpty();
    }

    @Override
    public String toString() {
        return isEmpty() ? "none" : String.join(",", exact) + (prefixes.isEmpty() ? "" : "," + String.join("*,", prefixes) + "*");
    }
}
