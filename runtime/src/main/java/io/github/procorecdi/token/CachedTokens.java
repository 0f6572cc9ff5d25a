package io.github.procorecdi.token;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

import io.github.procorecdi.AccessToken;

/**
 * Makes the cache entries of one connection: when each falls due ({@code refresh-ahead}, at most half a token's life),
 * and, where the runtime timer follows the engine's clock, the timer mark that lets the hot path skip the clock read.
 */
final class CachedTokens {
    /**
     * Entries with at least this long between renewal and expiry fall due by the runtime timer instead of a clock read
     * per call: a timer late by less than this still leaves a valid token.
     */
    static final long TIMED_MARGIN_MILLIS = 1000;
    private static final Class<?> SYSTEM_CLOCK = Clock.systemUTC().getClass();

    private final Clock clock;
    /** Whether {@link #clock} is the system clock, whose time the runtime timer follows. */
    private final boolean timerFollowsClock;
    private final long refreshAheadMillis;
    /** The runtime timer's pending marks of these entries. */
    private final DueMarks<CachedToken> marks;

    /** @param timer the connection's timer, which marks entries due */
    CachedTokens(Clock clock, long refreshAheadMillis, ScheduledExecutorService timer) {
        this.marks = new DueMarks<>(CachedToken::markDue, timer);
        this.clock = clock;
        this.timerFollowsClock = clock.getClass() == SYSTEM_CLOCK;
        this.refreshAheadMillis = refreshAheadMillis;
    }

    CachedToken of(AccessToken token) {
        return entry(token, "Bearer " + token.value(), renewAt(token), token.expiresAt().toEpochMilli());
    }

    /** @return the same token, due for renewal at {@code renewAt} */
    CachedToken renewingAt(CachedToken c, long renewAt) {
        return entry(c.token, c.header, renewAt, c.expiresAt);
    }

    /** @return whether it is too early to renew {@code token} */
    boolean fresh(AccessToken token) {
        return clock.millis() < renewAt(token);
    }

    /** Cancels the pending marks (the connection closes). */
    void close() {
        marks.close();
    }

    int pendingMarks() {
        return marks.pending();
    }

    /**
     * Where the runtime timer follows our clock and a late timer would still leave a valid token, the timer marks the
     * entry due at {@code renewAt}, so that until then the hot path reads a field instead of the clock (a clock read is
     * most of a cache hit's cost); otherwise the hot path reads the clock.
     */
    private CachedToken entry(AccessToken token, String header, long renewAt, long expiresAt) {
        long dueIn = renewAt - clock.millis();
        if (timerFollowsClock && dueIn > 0 && expiresAt - renewAt >= TIMED_MARGIN_MILLIS) {
            CachedToken timed = new CachedToken(token, header, renewAt, expiresAt, true);
            if (marks.schedule(timed, dueIn)) {
                return timed;
            }
        }
        return new CachedToken(token, header, renewAt, expiresAt, false);
    }

    /** When to renew: {@code refresh-ahead} before expiry, but never earlier than half-way through the token's lifetime. */
    private long renewAt(AccessToken token) {
        long expires = token.expiresAt().toEpochMilli();
        long lifetime = Math.max(0, expires - token.createdAt().toEpochMilli());
        return expires - Math.min(refreshAheadMillis, lifetime / 2);
    }
}
