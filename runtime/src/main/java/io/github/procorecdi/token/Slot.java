package io.github.procorecdi.token;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreTokenException;

/** One subject's cached token, its flight, and what faults left to finish. */
final class Slot {
    /** After a failed token request the subject's next one waits at least this long, doubling up to {@link #MAX_BACKOFF_MILLIS}. */
    static final long FIRST_BACKOFF_MILLIS = 1000;
    static final long MAX_BACKOFF_MILLIS = 60_000;

    final String subject;
    volatile CachedToken cached;
    volatile Unsaved unsaved;
    /** a pair whose refresh token this JVM spent and could not remove yet */
    volatile AccessToken spent;
    /** a stripped pair whose redeemer was awaited for a lease in vain: calls fail at once while it is stored, for a lease */
    volatile InDoubt inDoubt;
    volatile Backoff backoff;
    /** consecutive failed token requests (written in flights only) */
    private int failures;
    final AtomicReference<Flight> flight = new AtomicReference<>();

    Slot(String subject) {
        this.subject = subject;
    }

    /** @return whether nothing needs the slot: no token, nothing to finish, no backoff to honour */
    boolean isEmpty() {
        return cached == null && unsaved == null && spent == null && inDoubt == null && backoff == null;
    }

    /** @return the last moment anything in the slot matters: its token's expiry, the end of a backoff or of a doubt */
    long lastNeededMillis() {
        CachedToken c = cached;
        Backoff b = backoff;
        InDoubt d = inDoubt;
        return Math.max(c == null ? 0 : c.expiresAt, Math.max(b == null ? 0 : b.untilMillis, d == null ? 0 : d.untilMillis));
    }

    /** Forgets everything (sign-in, sign-out). */
    void reset() {
        cached = null;
        unsaved = null;
        spent = null;
        inDoubt = null;
        backoff = null;
        failures = 0;
    }

    void succeeded() {
        failures = 0;
        backoff = null;
    }

    /** @return how long to wait before the next token request: doubling from a second to a minute, with jitter */
    long failed(ProcoreTokenException e, long nowMillis) {
        long delay = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(failures, 16));
        failures++;
        delay += ThreadLocalRandom.current().nextLong(delay / 4 + 1);
        backoff = new Backoff(nowMillis + delay, e);
        return delay;
    }

    @Override
    public String toString() {
        return "Slot[flight=" + flight.get() + "]";
    }

    /** A flight: the token request (or sign-out, or code exchange) in progress for one subject. */
    static final class Flight {
        /** Marks an evicted slot: no flight can start on it. */
        static final Flight DEAD = new Flight();
        final CompletableFuture<CachedToken> future = new CompletableFuture<>();
    }

    /** A pair the store has not taken yet, and the stored pair it replaces. */
    record Unsaved(AccessToken expected, AccessToken pair, Kind kind) {
        enum Kind {
            /** a new pair Procore issued: revoked if the row moved on meanwhile (signed out elsewhere) */
            ISSUED,
            /** the intact pair whose refresh token was never sent, to put back in place of its stripped copy */
            RESTORE
        }

        @Override
        public String toString() {
            return "Unsaved[" + kind + "]";
        }
    }

    /** A stripped pair awaited for a lease in vain; until {@code untilMillis} calls that find it fail without waiting again. */
    record InDoubt(AccessToken pair, long untilMillis) {
        @Override
        public String toString() {
            return "InDoubt[until=" + untilMillis + "]";
        }
    }

    /** The last token request failed: none is sent for the subject before {@code untilMillis}. */
    record Backoff(long untilMillis, ProcoreTokenException cause) {
        ProcoreTokenException failure(String connection) {
            return new ProcoreTokenException("Procore connection '" + connection + "': the last token request failed ("
                    + cause.getMessage() + "); the next one is not sent before " + java.time.Instant.ofEpochMilli(untilMillis),
                    cause.status(), cause.error(), cause.errorDescription(), cause);
        }
    }
}
