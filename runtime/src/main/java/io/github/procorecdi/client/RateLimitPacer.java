package io.github.procorecdi.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcoreRateLimitException;
import io.github.procorecdi.telemetry.ConnectionMetrics;

/**
 * Paces the calls of one connection by Procore's rate-limit headers: once a response says
 * {@code X-Rate-Limit-Remaining: 0} (or a 429 says when to come back), further calls of that
 * subject wait until the reset instead of earning 429s; a wait longer than the bound fails fast
 * with {@link ProcoreRateLimitException}. Lock-free: one volatile read per call when not limited.
 */
public final class RateLimitPacer {
    /** The longest a call waits for a rate-limit reset before failing fast. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);
    /** The longest one answer can block a subject: Procore's longest window is an hour. */
    public static final Duration MAX_BLOCK = Duration.ofHours(1);
    /** Above this many limited subjects, windows that have passed are dropped. */
    static final int PRUNE_ABOVE = 10_000;
    private static final long JITTER_MILLIS = 250;

    private final String connection;
    private final Clock clock;
    private final Duration maxWait;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final ConnectionMetrics metrics;
    private volatile long lastRemaining = -1;
    private volatile Instant lastReset;

    public RateLimitPacer(String connection, Clock clock, Duration maxWait) {
        this(connection, clock, maxWait, ConnectionMetrics.NONE);
    }

    /** As the constructor above, counting the waits in {@code metrics}. */
    public RateLimitPacer(String connection, Clock clock, Duration maxWait, ConnectionMetrics metrics) {
        this.metrics = metrics;
        this.connection = connection;
        this.clock = clock;
        this.maxWait = maxWait;
    }

    /** Blocks until {@code subject} may send, or throws if that would take longer than the bound. */
    public void awaitPermit(String subject) {
        long wait = permitDelayMillis(subject);
        if (wait > 0) {
            sleep(wait);
        }
    }

    /**
     * How long {@code subject} must wait before sending (with jitter), for callers that schedule instead of sleeping.
     *
     * @return 0 when it may send now
     * @throws ProcoreRateLimitException if the wait would be longer than the bound
     */
    public long permitDelayMillis(String subject) {
        Window w = windows.get(subject);
        if (w == null) {
            return 0;
        }
        long until = w.blockedUntil;
        long now = clock.millis();
        if (until <= now) {
            return 0;
        }
        long wait = until - now;
        if (wait > maxWait.toMillis()) {
            throw new ProcoreRateLimitException("Procore connection '" + connection + "': rate limit exhausted until "
                    + Instant.ofEpochMilli(until) + " (" + Duration.ofMillis(wait).toSeconds() + " s away, more than the "
                    + maxWait.toSeconds() + " s a call may wait); no request sent", 0, "", Map.of(), Instant.ofEpochMilli(until));
        }
        metrics.rateLimitWait();
        return wait + ThreadLocalRandom.current().nextLong(JITTER_MILLIS);
    }

    /**
     * Reads the rate-limit headers of an API answer for {@code subject}.
     *
     * @param remainingHeader  {@code X-Rate-Limit-Remaining}, or {@code null}
     * @param resetHeader      {@code X-Rate-Limit-Reset}, or {@code null}
     * @param retryAfterHeader {@code Retry-After}, or {@code null}
     */
    public void observe(String subject, int status, String remainingHeader, String resetHeader, String retryAfterHeader) {
        Long remaining = RateLimitHeaders.number(remainingHeader);
        Instant reset = RateLimitHeaders.epochSeconds(resetHeader, clock);
        Instant retryAfter = RateLimitHeaders.retryAfter(retryAfterHeader, clock);
        if (remaining != null && remaining >= 0) {
            lastRemaining = remaining;
            lastReset = reset;
        }
        if (status == 429) {
            Instant until = retryAfter != null ? retryAfter : reset;
            if (until != null) {
                block(subject, until.toEpochMilli());
            }
            return;
        }
        if (remaining == null || reset == null) {
            return;
        }
        if (remaining <= 0) {
            block(subject, reset.toEpochMilli());
        } else {
            Window w = windows.get(subject);
            if (w != null && reset.toEpochMilli() > w.blockedUntil) {
                w.blockedUntil = 0; // an answer from a later window: the limit was reset
            }
        }
    }

    /** @return the last {@code X-Rate-Limit-Remaining} any subject of the connection was answered, or -1 before any */
    public long lastRemaining() {
        return lastRemaining;
    }

    /** @return the {@code X-Rate-Limit-Reset} that came with {@link #lastRemaining()}, or {@code null} (the status page) */
    public Instant lastReset() {
        return lastReset;
    }

    /** @return how many subjects have a rate-limit window */
    int windows() {
        return windows.size();
    }

    /** @return when {@code subject} may send again, or {@code null} if it is not limited */
    public Instant blockedUntil(String subject) {
        Window w = windows.get(subject);
        return w == null || w.blockedUntil <= clock.millis() ? null : Instant.ofEpochMilli(w.blockedUntil);
    }

    private void block(String subject, long requestedUntil) {
        long untilMillis = Math.min(requestedUntil, clock.millis() + MAX_BLOCK.toMillis());
        if (windows.size() > PRUNE_ABOVE) {
            long now = clock.millis();
            windows.values().removeIf(w -> w.blockedUntil <= now);
        }
        Window w = windows.computeIfAbsent(subject, s -> new Window());
        synchronized (w) {
            if (untilMillis > w.blockedUntil) {
                w.blockedUntil = untilMillis;
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcoreException("interrupted while waiting to call Procore", e);
        }
    }

    private static final class Window {
        volatile long blockedUntil;
    }
}
