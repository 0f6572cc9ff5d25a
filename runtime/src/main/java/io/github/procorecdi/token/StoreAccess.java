package io.github.procorecdi.token;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.internal.LogIds;
import io.github.procorecdi.store.UnreadableTokenException;

/**
 * The engine's access to the {@link TokenStore}: a store failure becomes a {@link StoreFailure}, an unreadable entry an
 * authorization requirement (with one warning), writes are retried with backoff, a compare-and-set whose answer was
 * lost is confirmed by reading, and another process's renewal is awaited by polling.
 */
final class StoreAccess {
    private static final Logger LOG = Logger.getLogger(TokenManager.class.getName());
    private static final long MAX_POLL_MILLIS = 250;
    /** Another process's renewal is polled for every 10 ms during its first second (one cheap read each). */
    private static final long FIRST_POLL_MILLIS = 10;
    private static final long TIGHT_POLLING_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EngineSettings settings;
    private final AtomicBoolean warnedUnreadable = new AtomicBoolean();

    StoreAccess(EngineSettings settings) {
        this.settings = settings;
    }

    private TokenStore store() {
        return settings.store().get();
    }

    /** @return the stored pair, or {@code null}; an unreadable entry means authorization required */
    AccessToken load(String subject) {
        try {
            return store().load(settings.storeKey(), subject).orElse(null);
        } catch (UnreadableTokenException e) {
            if (warnedUnreadable.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "{0} Procore connection ''{1}'': a stored token cannot be read ({2}); its subject must "
                        + "authorize again (further unreadable entries are not logged)", new Object[] {LogIds.UNREADABLE_TOKEN,
                        settings.connection(), e.getMessage()});
            }
            throw settings.authorizationRequired(subject, "the stored token cannot be read (" + e.getMessage() + ")", e);
        } catch (ProcoreAuthorizationRequiredException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreFailure(e);
        }
    }

    /** @return the stored pair, or {@code null} also when the store fails or the entry cannot be read */
    AccessToken loadQuietly(String subject) {
        try {
            return load(subject);
        } catch (RuntimeException e) {
            return null;
        }
    }

    void save(String subject, AccessToken pair) {
        store().save(settings.storeKey(), subject, pair);
    }

    /** {@link TokenStore#replace}, a failure thrown as is */
    boolean replace(String subject, AccessToken expected, AccessToken replacement) {
        return store().replace(settings.storeKey(), subject, expected, replacement);
    }

    void remove(String subject) {
        store().remove(settings.storeKey(), subject);
    }

    /** @return whether this process may redeem the refresh token of {@code stored} now */
    boolean claim(String subject, AccessToken stored) {
        try {
            return store().claimRefresh(settings.storeKey(), subject, stored, settings.lease());
        } catch (RuntimeException e) {
            throw new StoreFailure(e);
        }
    }

    void releaseQuietly(String subject, AccessToken stored) {
        try {
            store().releaseClaim(settings.storeKey(), subject, stored);
        } catch (RuntimeException e) {
            // the lease runs out by itself
        }
    }

    /**
     * Compare-and-set, retrying store failures until {@code giveUpNanos}. A write that was applied but whose answer was lost
     * (the connection reset after the commit) makes the retry find {@code replacement} already there: that counts as
     * done, never as "changed by someone else".
     */
    boolean replaceConfirmed(String subject, AccessToken expected, AccessToken replacement, long giveUpNanos) {
        return writeWithRetries(() -> {
            TokenStore tokens = store();
            if (tokens.replace(settings.storeKey(), subject, expected, replacement)) {
                return true;
            }
            Optional<AccessToken> now;
            try {
                now = tokens.load(settings.storeKey(), subject);
            } catch (UnreadableTokenException e) {
                return false;
            }
            return replacement == null ? now.isEmpty() : now.filter(t -> sameSecrets(t, replacement)).isPresent();
        }, giveUpNanos);
    }

    /** Runs a store write, retrying failures with exponential backoff until {@code giveUpNanos}. */
    <T> T writeWithRetries(Supplier<T> write, long giveUpNanos) {
        long pause = 50;
        while (true) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                long left = giveUpNanos - System.nanoTime();
                if (left <= 0) {
                    throw e;
                }
                sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, pause + ThreadLocalRandom.current().nextLong(pause / 2 + 1)));
                pause = Math.min(1000, pause * 2);
            }
        }
    }

    /**
     * Polls the store until the pair changes or the lease runs out.
     * @return the new pair, or {@code null} after the lease
     */
    AccessToken awaitOtherProcess(String subject, AccessToken stored) {
        return awaitOtherProcess(subject, stored, settings.lease());
    }

    /**
     * Polls the store until the pair changes, at most {@code atMost}.
     *
     * @return the new pair, or {@code null} when it did not change
     * @throws StoreFailure when the store did not answer at the end of the wait (which then says nothing about the other
     *                      process)
     */
    AccessToken awaitOtherProcess(String subject, AccessToken stored, Duration atMost) {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        long pause = FIRST_POLL_MILLIS;
        StoreFailure unanswered = null;
        while (System.nanoTime() < deadline) {
            sleep(pause);
            if (System.nanoTime() - start > TIGHT_POLLING_NANOS) { // a token request takes well under this: back off
                pause = Math.min(MAX_POLL_MILLIS, pause * 2);
            }
            AccessToken current;
            try {
                current = load(subject);
                unanswered = null;
            } catch (StoreFailure e) {
                unanswered = e;
                continue;
            }
            if (current == null) {
                throw settings.authorizationRequired(subject, "the token was removed while another process refreshed it", null);
            }
            if (!current.equals(stored) && !isStrippedCopy(current, stored)) {
                return current; // (its stripped copy means: the redemption has begun; its result is still to come)
            }
        }
        if (unanswered != null) {
            throw unanswered; // the store, not the other process, is what did not answer
        }
        return null;
    }

    void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcoreException("Procore connection '" + settings.connection() + "': interrupted while waiting for a token", e);
        }
    }

    /** @return {@code pair} without its refresh token: what the store holds while that refresh token is being redeemed */
    static AccessToken withoutRefreshToken(AccessToken pair) {
        return new AccessToken(pair.value(), pair.tokenType(), pair.expiresAt(), null, pair.createdAt());
    }

    static boolean isStrippedCopy(AccessToken candidate, AccessToken pair) {
        return !candidate.hasRefreshToken() && pair.hasRefreshToken() && candidate.value().equals(pair.value());
    }

    private static boolean sameSecrets(AccessToken a, AccessToken b) {
        return a.value().equals(b.value()) && Objects.equals(a.refreshToken(), b.refreshToken());
    }
}
