package io.github.procorecdi.config;

import java.time.Duration;

import io.github.procorecdi.health.PrivateRoutes;

/**
 * Where a connection's integration health is shown, and what it counts as private.
 *
 * @param statusPath    servlet path of the status page, or {@code null} (off)
 * @param statusRole    the role a caller must have to see the page, or {@code null} (loopback callers only)
 * @param privateRoutes the routes the application declares private ({@code health.private-routes})
 * @param activityInterval how often a node adds its API call counts to the shared table ({@code health.activity-interval},
 *                      jdbc token store only)
 */
public record HealthConfig(String statusPath, String statusRole, PrivateRoutes privateRoutes, Duration activityInterval) {
    /** The default of {@code health.activity-interval}. */
    public static final Duration DEFAULT_ACTIVITY_INTERVAL = Duration.ofMinutes(1);
    /** The bounds of {@code health.activity-interval}. */
    public static final Duration MIN_ACTIVITY_INTERVAL = Duration.ofMillis(100);
    public static final Duration MAX_ACTIVITY_INTERVAL = Duration.ofHours(1);
    /** No status page, no private route, counts shared once a minute. */
    public static final HealthConfig DEFAULTS = new HealthConfig(null, null, PrivateRoutes.NONE, DEFAULT_ACTIVITY_INTERVAL);

    public HealthConfig {
        privateRoutes = privateRoutes == null ? PrivateRoutes.NONE : privateRoutes;
        activityInterval = activityInterval == null ? DEFAULT_ACTIVITY_INTERVAL : activityInterval;
    }

    /** No activity interval given: the default. */
    public HealthConfig(String statusPath, String statusRole, PrivateRoutes privateRoutes) {
        this(statusPath, statusRole, privateRoutes, DEFAULT_ACTIVITY_INTERVAL);
    }
}
