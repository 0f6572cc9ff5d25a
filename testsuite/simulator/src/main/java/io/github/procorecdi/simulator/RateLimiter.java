package io.github.procorecdi.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Procore-style fixed-window rate limit per (application, user), reported on every API answer. */
final class RateLimiter {
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private volatile int limit = 3600;
    private volatile Duration period = Duration.ofHours(1);

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    void configure(int limit, Duration period) {
        this.limit = limit;
        this.period = period;
        windows.clear();
    }

    void reset() {
        windows.clear();
    }

    /**
     * Counts one request of {@code key}.
     * @return the state after it; {@link Decision#allowed()} false when over the limit
     */
    Decision take(String key) {
        long now = clock.millis();
        Window w = windows.compute(key, (k, old) -> {
            if (old == null || now >= old.resetAtMillis) {
                return new Window(now + period.toMillis(), 1);
            }
            return new Window(old.resetAtMillis, old.used + 1);
        });
        boolean allowed = w.used <= limit;
        int remaining = Math.max(0, limit - w.used);
        return new Decision(allowed, limit, remaining, (w.resetAtMillis + 999) / 1000, Math.max(1, (w.resetAtMillis - now + 999) / 1000));
    }

    private record Window(long resetAtMillis, int used) {
    }

    record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds, long retryAfterSeconds) {
    }
}
