package io.github.procorecdi.config;

import io.github.procorecdi.health.PrivateRoutes;

/**
 * Where a connection's integration health is shown, and what it counts as private.
 *
 * @param statusPath    servlet path of the status page, or {@code null} (off)
 * @param statusRole    the role a caller must have to see the page, or {@code null} (loopback callers only)
 * @param privateRoutes the routes the application declares private ({@code health.private-routes})
 */
public record HealthConfig(String statusPath, String statusRole, PrivateRoutes privateRoutes) {
    /** No status page, no private route. */
    public static final HealthConfig DEFAULTS = new HealthConfig(null, null, PrivateRoutes.NONE);

    public HealthConfig {
        privateRoutes = privateRoutes == null ? PrivateRoutes.NONE : privateRoutes;
    }
}
