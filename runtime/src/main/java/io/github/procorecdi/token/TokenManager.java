package io.github.procorecdi.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.TokenStore;

/**
 * The token engine of one connection: a lock-free cache of each subject's access token in front of
 * the {@link TokenStore}, renewal {@code refresh-ahead} before expiry, and single flight: however
 * many threads need a new token for a subject at once, one token request is made and the others
 * wait for its result (or keep using the still-valid token while it runs).
 *
 * <p>Authorization code: a refresh token is redeemed only after the store granted the claim on it;
 * the new pair is stored (compare-and-set against the redeemed pair) before it is returned. A
 * refresh that may have reached Procore and failed has spent the refresh token: the pair is removed
 * and the subject must authorize again.
 */
public final class TokenManager {
    private static final Logger LOG = Logger.getLogger(TokenManager.class.getName());

    private final String connection;
    private final GrantType grantType;
    private final TokenGrants endpoint;
    private final Supplier<TokenStore> store;
    private final Supplier<URI> authorizationUri;
    private final Clock clock;
    private final long refreshAheadMillis;
    private final Duration flightTimeout;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    /**
     * @param connection       connection name
     * @param grantType        the grant
     * @param endpoint         Procore's OAuth endpoints
     * @param store            the token store (resolved lazily, at first use)
     * @param authorizationUri the authorize URL to put in {@link ProcoreAuthorizationRequiredException}s
     * @param clock            time source
     * @param refreshAhead     renew this long before expiry (at most half of a token's lifetime)
     * @param flightTimeout    how long a caller waits for another thread's token request
     */
    public TokenManager(String connection, GrantType grantType, TokenGrants endpoint, Supplier<TokenStore> store,
                        Supplier<URI> authorizationUri, Clock clock, Duration refreshAhead, Duration flightTimeout) {
        this.connection = connection;
        this.grantType = grantType;
        this.endpoint = endpoint;
        this.store = store;
        this.authorizationUri = authorizationUri;
        this.clock = clock;
        this.refreshAheadMillis = refreshAhead.toMillis();
        this.flightTimeout = flightTimeout;
    }

    /** @return a valid access token of {@code subject}: the cached one (no lock, no I/O) or a renewed one */
    public AccessToken token(String subject) {
        return current(subject).token;
    }

    /** @return the {@code Authorization} header value for {@code subject} (precomputed, so the hot path allocates nothing) */
    public String authorizationHeader(String subject) {
        return current(subject).header;
    }

    /** The hot path: one map lookup, one volatile read, one clock read; renews only when due. */
    private Cached current(String subject) {
        Slot slot = slot(subject);
        Cached c = slot.cached;
        if (c != null && clock.millis() < c.renewAt) {
            return c;
        }
        return slot.renew(c, null);
    }

    /**
     * Procore rejected the token sent as {@code rejectedHeader} (HTTP 401). Returns the header to retry with: the one another
     * thread already put in its place, or a renewed one (at most one renewal however many callers
     * report the same rejected token).
     */
    public String renewRejected(String subject, String rejectedHeader) {
        String rejected = rejectedHeader.startsWith("Bearer ") ? rejectedHeader.substring(7) : rejectedHeader;
        Slot slot = slot(subject);
        Cached c = slot.cached;
        if (c != null && !c.token.value().equals(rejected) && clock.millis() < c.renewAt) {
            return c.header;
        }
        return slot.renew(c, rejected).header;
    }

    /** Exchanges an authorization code and stores the new pair for {@code subject}. */
    public AccessToken exchangeCode(String subject, String code) {
        AccessToken token = endpoint.exchangeCode(code);
        store.get().save(connection, subject, token);
        slot(subject).cached = cache(token);
        return token;
    }

    /** Revokes {@code subject}'s token at Procore (if there is one), then forgets it. */
    public void revoke(String subject) {
        Slot slot = slot(subject);
        Cached c = slot.cached;
        AccessToken token = c != null ? c.token : store.get().load(connection, subject).orElse(null);
        if (token != null) {
            endpoint.revoke(token);
        }
        store.get().remove(connection, subject);
        slot.cached = null;
    }

    private Slot slot(String subject) {
        Slot slot = slots.get(subject);
        return slot != null ? slot : slots.computeIfAbsent(subject, Slot::new);
    }

    private Cached cache(AccessToken token) {
        return new Cached(token, "Bearer " + token.value(), renewAt(token), token.expiresAt().toEpochMilli());
    }

    /** When to renew: {@code refresh-ahead} before expiry, but never earlier than half-way through the token's lifetime. */
    private long renewAt(AccessToken token) {
        long expires = token.expiresAt().toEpochMilli();
        long lifetime = Math.max(0, expires - token.createdAt().toEpochMilli());
        return expires - Math.min(refreshAheadMillis, lifetime / 2);
    }

    private boolean fresh(AccessToken token) {
        return clock.millis() < renewAt(token);
    }

    private ProcoreAuthorizationRequiredException authorizationRequired(String subject, String reason, Throwable cause) {
        URI uri = grantType == GrantType.AUTHORIZATION_CODE ? authorizationUri.get() : null;
        ProcoreAuthorizationRequiredException e = new ProcoreAuthorizationRequiredException(connection, subject, uri, reason);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** Immutable cache entry; published through a volatile field. */
    private static final class Cached {
        final AccessToken token;
        final String header;
        final long renewAt;
        final long expiresAt;

        Cached(AccessToken token, String header, long renewAt, long expiresAt) {
            this.token = token;
            this.header = header;
            this.renewAt = renewAt;
            this.expiresAt = expiresAt;
        }
    }

    /** One subject's cached token and its token request in flight, if any. */
    private final class Slot {
        final String subject;
        volatile Cached cached;
        final AtomicReference<CompletableFuture<Cached>> inflight = new AtomicReference<>();

        Slot(String subject) {
            this.subject = subject;
        }

        Cached renew(Cached seen, String rejected) {
            while (true) {
                CompletableFuture<Cached> running = inflight.get();
                if (running == null) {
                    CompletableFuture<Cached> mine = new CompletableFuture<>();
                    if (!inflight.compareAndSet(null, mine)) {
                        continue;
                    }
                    try {
                        Cached now = cached;
                        if (now != null && now != seen && !now.token.value().equals(rejected) && clock.millis() < now.renewAt) {
                            mine.complete(now); // another flight finished between our look and our claim
                            return now;
                        }
                        Cached result = obtain(now, rejected);
                        cached = result;
                        mine.complete(result);
                        return result;
                    } catch (RuntimeException | Error e) {
                        mine.completeExceptionally(e);
                        throw e;
                    } finally {
                        inflight.compareAndSet(mine, null);
                    }
                }
                if (rejected == null && seen != null && clock.millis() < seen.expiresAt) {
                    return seen; // still valid: keep working while one thread renews it
                }
                return await(running);
            }
        }

        private Cached await(CompletableFuture<Cached> running) {
            try {
                return running.get(flightTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new ProcoreException("Procore connection '" + connection + "': token request failed", cause);
            } catch (TimeoutException e) {
                throw new ProcoreTokenException("Procore connection '" + connection + "': gave up after " + flightTimeout
                        + " waiting for the token request another thread is making", 0, null, null, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcoreException("Procore connection '" + connection + "': interrupted while waiting for a token", e);
            }
        }

        private Cached obtain(Cached now, String rejected) {
            try {
                return grantType == GrantType.CLIENT_CREDENTIALS ? obtainClientCredentials(now, rejected) : obtainByRefresh(rejected);
            } catch (ProcoreAuthorizationRequiredException e) {
                cached = null;
                throw e;
            }
        }

        private Cached obtainClientCredentials(Cached now, String rejected) {
            TokenStore tokens = store.get();
            AccessToken stored = tokens.load(connection, subject).orElse(null);
            if (stored != null && (now == null || !stored.equals(now.token)) && !stored.value().equals(rejected) && fresh(stored)) {
                return cache(stored); // e.g. another JVM sharing the store fetched one
            }
            AccessToken token = endpoint.clientCredentials();
            tokens.save(connection, subject, token);
            return cache(token);
        }

        private Cached obtainByRefresh(String rejected) {
            TokenStore tokens = store.get();
            AccessToken stored = tokens.load(connection, subject).orElse(null);
            if (stored == null) {
                throw authorizationRequired(subject, "no token stored (never authorized, revoked or signed out)", null);
            }
            if (!stored.value().equals(rejected) && fresh(stored)) {
                return cache(stored);
            }
            if (!stored.hasRefreshToken()) {
                tokens.replace(connection, subject, stored, null);
                throw authorizationRequired(subject, "the access token expired and there is no refresh token", null);
            }
            Duration lease = flightTimeout;
            if (!tokens.claimRefresh(connection, subject, stored, lease)) {
                return awaitOtherProcess(tokens, stored, lease);
            }
            AccessToken renewed;
            try {
                renewed = endpoint.refresh(stored.refreshToken());
            } catch (TokenEndpointException e) {
                if (!e.mayHaveReachedServer()) {
                    throw e; // provably never sent: the refresh token is intact, a later call may try again
                }
                tokens.replace(connection, subject, stored, null);
                throw authorizationRequired(subject, "the refresh token was spent and no new one was received ("
                        + e.getMessage() + ")", e);
            } catch (ProcoreTokenException e) {
                // the answer arrived but was malformed: the old refresh token is spent all the same
                tokens.replace(connection, subject, stored, null);
                throw authorizationRequired(subject, "the refresh answer was unusable (" + e.getMessage() + ")", e);
            }
            if (tokens.replace(connection, subject, stored, renewed)) {
                return cache(renewed);
            }
            AccessToken current = tokens.load(connection, subject).orElse(null);
            if (current == null) {
                LOG.log(Level.FINE, "Procore connection ''{0}'': subject was signed out during a refresh; dropping the new token",
                        connection);
                throw authorizationRequired(subject, "signed out while the token was being refreshed", null);
            }
            return cache(current);
        }

        private Cached awaitOtherProcess(TokenStore tokens, AccessToken stored, Duration lease) {
            long deadline = System.nanoTime() + lease.toNanos();
            long pause = 20;
            while (System.nanoTime() < deadline) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProcoreException("Procore connection '" + connection + "': interrupted while waiting for a token", e);
                }
                pause = Math.min(500, pause * 2);
                AccessToken current = tokens.load(connection, subject).orElse(null);
                if (current == null) {
                    throw authorizationRequired(subject, "the token was removed while another process refreshed it", null);
                }
                if (!current.equals(stored)) {
                    return cache(current);
                }
            }
            throw new ProcoreTokenException("Procore connection '" + connection + "': another process claimed the refresh of subject '"
                    + subject + "' and did not store a new token within " + lease, 0, null, null, null);
        }
    }

    @Override
    public String toString() {
        return "TokenManager[connection=" + connection + ", grantType=" + grantType + ", subjects=" + slots.size() + "]";
    }
}
