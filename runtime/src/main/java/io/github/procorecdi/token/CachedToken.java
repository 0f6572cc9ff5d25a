package io.github.procorecdi.token;

import java.time.Clock;

import io.github.procorecdi.AccessToken;

/**
 * A token held in memory for one subject, with the {@code Authorization} header precomputed (the hot path allocates
 * nothing). Immutable but for the timer's mark; published through a volatile field.
 */
final class CachedToken {
    /** Where a cached token stands at a given moment. */
    enum Freshness {
        /** too early to renew: callers use it */
        FRESH,
        /** within {@code refresh-ahead} of expiry: callers use it while one renewal runs in the background */
        DUE,
        /** Procore no longer accepts it: callers wait for the renewal */
        EXPIRED
    }

    final AccessToken token;
    final String header;
    final long renewAt;
    final long expiresAt;
    /** Whether the runtime timer sets {@link #due}; otherwise the clock decides. */
    private final boolean timed;
    private volatile boolean due;

    CachedToken(AccessToken token, String header, long renewAt, long expiresAt, boolean timed) {
        this.token = token;
        this.header = header;
        this.renewAt = renewAt;
        this.expiresAt = expiresAt;
        this.timed = timed;
    }

    /** @return where it stands at {@code nowMillis} */
    Freshness freshness(long nowMillis) {
        return nowMillis < renewAt ? Freshness.FRESH : nowMillis < expiresAt ? Freshness.DUE : Freshness.EXPIRED;
    }

    /**
     * @return whether it is {@link Freshness#FRESH}: the hot path's only test, without a clock read while a timed entry is
     *         unmarked. A marked entry is judged by the clock like any other, so a mark that comes early (the wall clock
     *         was set back, the connection closed) costs a clock read per call, never a token request.
     */
    boolean isFresh(Clock clock) {
        return timed && !due || clock.millis() < renewAt;
    }

    /** @return whether it is {@link Freshness#FRESH} at {@code nowMillis} */
    boolean isFresh(long nowMillis) {
        return nowMillis < renewAt;
    }

    /** @return whether Procore still accepts it ({@link Freshness#FRESH} or {@link Freshness#DUE}) */
    boolean isValid(long nowMillis) {
        return nowMillis < expiresAt;
    }

    void markDue() {
        due = true;
    }

    @Override
    public String toString() {
        return "CachedToken[renewAt=" + renewAt + ", expiresAt=" + expiresAt + "]";
    }
}
