package io.github.procorecdi.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.telemetry.ConnectionMetrics;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.internal.LogIds;
import io.github.procorecdi.internal.RuntimeThreads;
import io.github.procorecdi.internal.Throwables;

/**
 * The token engine of one connection: a lock-free cache of each subject's access token in front of
 * the {@link TokenStore}, renewal {@code refresh-ahead} before expiry, and single flight: however
 * many threads need a new token for a subject at once, one token request is made and the others
 * wait for its result (or keep using the still-valid token while it runs). Revocation and code
 * exchange run in the same flight, so nothing a refresh finishes can outlive a sign-out.
 *
 * <p>The single-use rule, under faults:
 * <ul>
 * <li>a refresh token is redeemed only under the store's claim ({@link TokenStore#claimRefresh}),
 *     whose lease outlasts the token request's hard deadline; a request that provably never left
 *     releases the claim ({@link TokenStore#releaseClaim}) and leaves the pair intact;</li>
 * <li>a refresh that reached Procore and failed has spent the refresh token: the pair is removed
 *     (compare-and-set), unless another node already stored a newer pair, which is then used; a
 *     pair whose removal failed is remembered as spent and never redeemed again by this JVM;</li>
 * <li>the new pair is stored (compare-and-set against the redeemed pair) before it is used; a store
 *     failure is retried with backoff within the lease, after which the pair is kept in memory and
 *     stored as soon as the store answers again;</li>
 * <li>a pair that arrives after its subject was signed out elsewhere is revoked, never stored.</li>
 * </ul>
 * A subject whose last flight left no token has its slot evicted: memory does not grow with the
 * number of subjects that never had a token.
 */
public final class TokenManager {
    private static final Logger LOG = Logger.getLogger(TokenManager.class.getName());
    /** After a store failure with a still-valid token in hand: try the store again after this long. */
    private static final long STORE_RETRY_MILLIS = 1000;
    private static final long MAX_POLL_MILLIS = 250;
    /** Another process's renewal is polled for every 10 ms during its first second (one cheap read each). */
    private static final long FIRST_POLL_MILLIS = 10;
    private static final long TIGHT_POLLING_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String connection;
    private final String storeKey;
    private final GrantType grantType;
    private final TokenGrants endpoint;
    private final Supplier<TokenStore> store;
    private final Supplier<URI> authorizationUri;
    private final Clock clock;
    /** Whether {@link #clock} is the system clock, whose time the runtime timer follows. */
    private final boolean timerFollowsClock;
    private final long refreshAheadMillis;
    private final Duration lease;
    private final long waitMillis;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    /** The longest a service account waits for the token another node is fetching before it asks Procore itself. */
    static final Duration SERVICE_ACCOUNT_WAIT = Duration.ofSeconds(10);
    /** Renewal threads of the whole JVM: a slow token endpoint blocks at most this many threads. */
    static final int RENEWAL_THREADS = 4;
    /** Renewals waiting for a thread; beyond this, callers keep their still-valid token and a later call asks again. */
    static final int RENEWAL_QUEUE = 10_000;
    /** After a failed token request the subject's next one waits at least this long, doubling up to {@link #MAX_BACKOFF_MILLIS}. */
    static final long FIRST_BACKOFF_MILLIS = 1000;
    static final long MAX_BACKOFF_MILLIS = 60_000;
    /** A slot whose token expired this long ago (so nobody used it since) is evicted; the store keeps the pair. */
    static final long IDLE_EVICTION_MILLIS = TimeUnit.MINUTES.toMillis(10);
    /** Runs renewals ahead of expiry, so that no caller holding a valid token waits for a token request. */
    private static final ExecutorService RENEWALS = RuntimeThreads.boundedPool("procore-cdi-renewal-", RENEWAL_THREADS, RENEWAL_QUEUE);
    /**
     * Entries with at least this long between renewal and expiry fall due by the runtime timer instead of a clock read
     * per call: a timer late by less than this still leaves a valid token.
     */
    static final long TIMED_MARGIN_MILLIS = 1000;
    private static final Class<?> SYSTEM_CLOCK = Clock.systemUTC().getClass();
    private final AtomicBoolean warnedUnreadable = new AtomicBoolean();
    private final ConnectionMetrics metrics;
    /** The runtime timer's pending marks of this manager's cache entries. */
    private final DueMarks<Cached> marks = new DueMarks<>(Cached::markDue);
    /** A service account's slot (its only subject), read before the map: one lookup less per call. */
    private volatile Slot serviceAccount;
    /** Longest pause between background attempts to store a pair kept in memory. */
    static final long MAX_PERSIST_RETRY_MILLIS = 5000;
    private volatile boolean closed;
    /** When {@link #evictIdle} next looks at the slots. */
    private volatile long nextEviction;

    /**
     * @param connection       connection name (for messages)
     * @param storeKey         what the store is given as the connection: name, client id and environment
     * @param grantType        the grant
     * @param endpoint         Procore's OAuth endpoints
     * @param store            the token store (resolved lazily, at first use)
     * @param authorizationUri the authorize URL to put in {@link ProcoreAuthorizationRequiredException}s
     * @param clock            time source
     * @param refreshAhead     renew this long before expiry (at most half of a token's lifetime)
     * @param lease            the refresh-claim lease; must exceed the token request's hard deadline
     */
    public TokenManager(String connection, String storeKey, GrantType grantType, TokenGrants endpoint, Supplier<TokenStore> store,
                        Supplier<URI> authorizationUri, Clock clock, Duration refreshAhead, Duration lease) {
        this(connection, storeKey, grantType, endpoint, store, authorizationUri, clock, refreshAhead, lease, ConnectionMetrics.NONE);
    }

    /** As the constructor above, reporting how long callers wait for a token to {@code metrics}. */
    public TokenManager(String connection, String storeKey, GrantType grantType, TokenGrants endpoint, Supplier<TokenStore> store,
                        Supplier<URI> authorizationUri, Clock clock, Duration refreshAhead, Duration lease, ConnectionMetrics metrics) {
        this.metrics = metrics;
        this.connection = connection;
        this.storeKey = storeKey;
        this.grantType = grantType;
        this.endpoint = endpoint;
        this.store = store;
        this.authorizationUri = authorizationUri;
        this.clock = clock;
        this.timerFollowsClock = clock.getClass() == SYSTEM_CLOCK;
        this.refreshAheadMillis = refreshAhead.toMillis();
        this.lease = lease;
        this.waitMillis = lease.toMillis() * 3;
    }

    /** As the full constructor, with the connection name as store key. */
    public TokenManager(String connection, GrantType grantType, TokenGrants endpoint, Supplier<TokenStore> store,
                        Supplier<URI> authorizationUri, Clock clock, Duration refreshAhead, Duration lease) {
        this(connection, connection, grantType, endpoint, store, authorizationUri, clock, refreshAhead, lease);
    }

    /** @return a valid access token of {@code subject}: the cached one (no lock, no I/O) or a renewed one */
    public AccessToken token(String subject) {
        return current(subject).token;
    }

    /** @return the {@code Authorization} header value for {@code subject} (precomputed, so the hot path allocates nothing) */
    public String authorizationHeader(String subject) {
        return current(subject).header;
    }

    /**
     * @return the token of {@code subject} held in memory and still valid, or {@code null}; never renews, never does I/O
     *         (health probes)
     */
    public AccessToken heldToken(String subject) {
        Slot slot = slots.get(subject);
        Cached c = slot == null ? null : slot.cached;
        return c != null && c.isValid(clock.millis()) ? c.token : null;
    }

    /**
     * The hot path: one map lookup (none for a service account, whose one slot is kept at hand) and two volatile reads
     * (no clock read for an entry the timer marks due); renews only when due.
     */
    private Cached current(String subject) {
        Slot slot = serviceAccount;
        if (slot != null && slot.subject.equals(subject)) {
            Cached c = slot.cached;
            if (c != null && c.isFresh(clock)) {
                return c; // a slot holding a token is never evicted, so this is the map's slot
            }
        }
        slot = slots.get(subject);
        if (slot != null) {
            if (grantType == GrantType.CLIENT_CREDENTIALS && slot != serviceAccount) {
                serviceAccount = slot;
            }
            Cached c = slot.cached;
            if (c != null && c.isFresh(clock)) {
                return c;
            }
            return waitFor(subject, slot, c, null);
        }
        return waitFor(subject, null, null, null);
    }

    /** {@link #renew}, reporting the wait of a caller that could not keep the token it saw. */
    private Cached waitFor(String subject, Slot slot, Cached seen, String rejected) {
        long start = System.nanoTime();
        Cached result = renew(subject, slot, seen, rejected);
        if (result != seen) {
            metrics.tokenWait(System.nanoTime() - start);
        }
        return result;
    }

    /**
     * Procore rejected the token sent as {@code rejectedHeader} (HTTP 401). Returns the header to retry with: the one another
     * thread already put in its place, or a renewed one (at most one renewal however many callers report the same token).
     */
    public String renewRejected(String subject, String rejectedHeader) {
        String rejected = rejectedHeader.startsWith("Bearer ") ? rejectedHeader.substring(7) : rejectedHeader;
        Slot slot = slots.get(subject);
        Cached c = slot == null ? null : slot.cached;
        if (c != null && !c.token.value().equals(rejected) && c.isFresh(clock.millis())) {
            return c.header;
        }
        return waitFor(subject, slot, c, rejected).header;
    }

    /** Exchanges an authorization code and stores the new pair for {@code subject} (in the subject's single flight). */
    public AccessToken exchangeCode(String subject, String code) {
        return exclusive(subject, slot -> {
            AccessToken token = endpoint.exchangeCode(code);
            try {
                writeWithRetries(() -> {
                    store.get().save(storeKey, subject, token);
                    return Boolean.TRUE;
                }, System.nanoTime() + lease.toNanos() / 2);
            } catch (RuntimeException e) {
                revokeQuietly(token); // nobody could ever use it
                throw e;
            }
            slot.reset();
            slot.cached = cache(token);
            return token;
        });
    }

    /**
     * Signs {@code subject} out: in the subject's single flight (after any refresh in progress), forgets the
     * store's current pair and the cached one, then revokes them at Procore. The local forgetting happens
     * whatever Procore answers (fail closed); a failure of the store or of Procore is thrown afterwards.
     */
    public void revoke(String subject) {
        exclusive(subject, slot -> {
            RuntimeException failure = null;
            Set<AccessToken> pairs = new LinkedHashSet<>();
            TokenStore tokens = store.get();
            try {
                tokens.load(storeKey, subject).ifPresent(pairs::add);
            } catch (UnreadableTokenException e) {
                // nothing readable to revoke; the entry is removed below
            } catch (RuntimeException e) {
                failure = e;
            }
            try {
                tokens.remove(storeKey, subject);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
            Cached c = slot.cached;
            Unsaved u = slot.unsaved;
            slot.reset();
            if (c != null) {
                pairs.add(c.token);
            }
            if (u != null && u.kind == Unsaved.Kind.ISSUED) {
                pairs.add(u.pair);
            }
            for (AccessToken pair : pairs) {
                try {
                    endpoint.revoke(pair);
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return null;
        });
    }

    /**
     * {@link #revoke}s {@code subject} on a renewal thread (its HTTP session ended: nobody can reach its tokens again). A
     * failure is logged, not thrown; with every renewal thread busy and the queue full, the subject's pair stays stored.
     */
    public void forgetInBackground(String subject) {
        try {
            RENEWALS.execute(() -> {
                try {
                    revoke(subject);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, () -> "Procore connection '" + connection + "': revoking the tokens of an ended session failed: "
                            + Throwables.rootMessage(e));
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "Procore connection ''{0}'': the renewal queue is full; an ended session''s tokens stay stored", connection);
        }
    }

    /**
     * Cancels the timer's pending marks (the connection is closing). Every cached token is marked due, so that a later
     * call, if any, decides by the clock.
     */
    public void close() {
        closed = true;
        marks.close();
        for (Slot slot : slots.values()) {
            Cached c = slot.cached;
            if (c != null) {
                c.markDue();
            }
        }
    }

    /** @return how many timer marks are pending (tests) */
    int pendingMarks() {
        return marks.pending();
    }

    /** @return how many subjects have a slot (a cached token or a token request in flight) */
    public int subjects() {
        return slots.size();
    }

    /** Evicts, at most once a minute, the slots whose token expired long ago: nobody used them since; the store keeps the pair. */
    private void evictIdle() {
        long now = clock.millis();
        if (now < nextEviction) {
            return;
        }
        nextEviction = now + IDLE_EVICTION_MILLIS / 10;
        for (Slot slot : slots.values()) {
            Cached c = slot.cached;
            Backoff b = slot.backoff;
            InDoubt d = slot.inDoubt;
            long lastNeeded = Math.max(c == null ? 0 : c.expiresAt, Math.max(b == null ? 0 : b.untilMillis, d == null ? 0 : d.untilMillis));
            boolean idle = lastNeeded + IDLE_EVICTION_MILLIS < now;
            if (idle && slot.unsaved == null && slot.spent == null && slot.flight.compareAndSet(null, Flight.DEAD)) {
                slots.remove(slot.subject, slot);
                if (serviceAccount == slot) {
                    serviceAccount = null;
                }
            }
        }
    }

    // ---- single flight

    private Cached renew(String subject, Slot slot, Cached seen, String rejected) {
        evictIdle();
        while (true) {
            if (slot == null) {
                slot = slots.computeIfAbsent(subject, Slot::new);
            }
            Flight running = slot.flight.get();
            if (running == Flight.DEAD) {
                slots.remove(subject, slot); // evicted: continue on a fresh slot
                slot = null;
                seen = null;
                continue;
            }
            if (running == null) {
                boolean keepsValid = rejected == null && seen != null && seen.isValid(clock.millis());
                Backoff backoff = slot.backoff;
                if (!keepsValid && backoff != null && clock.millis() < backoff.untilMillis) {
                    throw backoff.failure(connection); // the last token request failed: none is sent before the backoff ends
                }
                Flight mine = new Flight();
                if (!slot.flight.compareAndSet(null, mine)) {
                    continue;
                }
                Cached sawBefore = seen;
                if (keepsValid) {
                    // refresh-ahead: the renewal runs in the background; this caller keeps the valid token
                    if (!ahead(slot, mine, sawBefore)) {
                        mine.future.complete(sawBefore); // every renewal thread is busy and the queue full: a later call asks again
                        land(slot, mine);
                    }
                    return seen;
                }
                return fly(slot, mine, s -> obtain(s, sawBefore, rejected)); // obtain leaves its result in s.cached
            }
            if (rejected == null && seen != null && seen.isValid(clock.millis())) {
                return seen; // still valid: keep working while one thread renews it
            }
            Cached result = await(running);
            if (result != null) {
                return result;
            }
            seen = null; // the flight was a sign-out: look again
        }
    }

    /**
     * Runs a refresh-ahead flight (already claimed) on {@link #RENEWALS}: the same single flight and store rules as a
     * caller's own renewal, while every caller keeps the still-valid token until the new one is stored.
     *
     * @return whether it was handed over (otherwise the caller flies it itself)
     */
    private boolean ahead(Slot slot, Flight mine, Cached seen) {
        try {
            RENEWALS.execute(() -> {
                try {
                    fly(slot, mine, s -> obtain(s, seen, null));
                } catch (RuntimeException | Error e) {
                    // reported to any caller waiting on the flight; the next caller after expiry renews itself
                    LOG.log(Level.FINE, () -> "Procore connection '" + connection + "': refresh ahead of expiry failed: " + e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code work} as the subject's flight, after any flight in progress. */
    private <T> T exclusive(String subject, Function<Slot, T> work) {
        while (true) {
            Slot slot = slots.computeIfAbsent(subject, Slot::new);
            Flight running = slot.flight.get();
            if (running == Flight.DEAD) {
                slots.remove(subject, slot);
                continue;
            }
            if (running != null) {
                try {
                    running.future.get(waitMillis, TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // its outcome is not ours to report
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProcoreException("Procore connection '" + connection + "': interrupted while waiting for a token", e);
                }
                continue;
            }
            Flight mine = new Flight();
            if (!slot.flight.compareAndSet(null, mine)) {
                continue;
            }
            return fly(slot, mine, work);
        }
    }

    /**
     * Runs {@code work} as the flight {@code mine} (already claimed on {@code slot}): waiters get what it leaves in the
     * slot's cache (nothing after a sign-out) or its failure; then the flight lands.
     */
    private <T> T fly(Slot slot, Flight mine, Function<Slot, T> work) {
        try {
            T result = work.apply(slot);
            mine.future.complete(slot.cached);
            return result;
        } catch (RuntimeException | Error e) {
            mine.future.completeExceptionally(e);
            throw e;
        } finally {
            land(slot, mine);
        }
    }

    /** Ends a flight; a slot left without a token (and nothing pending) is evicted, atomically with the end of the flight. */
    private void land(Slot slot, Flight mine) {
        if (slot.isEmpty() && slot.flight.compareAndSet(mine, Flight.DEAD)) {
            slots.remove(slot.subject, slot);
            return;
        }
        slot.flight.compareAndSet(mine, null);
    }

    private Cached await(Flight running) {
        try {
            return running.future.get(waitMillis, TimeUnit.MILLISECONDS);
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
            throw new ProcoreTokenException("Procore connection '" + connection + "': gave up after " + Duration.ofMillis(waitMillis)
                    + " waiting for the token request another thread is making", 0, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcoreException("Procore connection '" + connection + "': interrupted while waiting for a token", e);
        }
    }

    // ---- obtaining a token (inside the subject's flight)

    private Cached obtain(Slot slot, Cached seen, String rejected) {
        Cached now = slot.cached;
        if (now != null && now != seen && usable(now, rejected)) {
            return now; // another flight finished between our look and our claim
        }
        try {
            Cached result;
            if (slot.unsaved != null) {
                result = persistUnsaved(slot, rejected);
            } else if (grantType == GrantType.CLIENT_CREDENTIALS) {
                result = clientCredentials(slot, now, rejected);
            } else {
                result = byRefresh(slot, rejected);
            }
            slot.cached = result;
            slot.succeeded();
            return result;
        } catch (ProcoreTokenException e) {
            long delay = slot.failed(e, clock.millis());
            if (now != null && rejected == null && now.isValid(clock.millis())) {
                // a renewal ahead of expiry failed: keep the valid token, and ask again only after the backoff
                LOG.log(Level.FINE, "Procore connection ''{0}'': renewal ahead of expiry failed ({1}); the next try in {2} ms",
                        new Object[] {connection, e.getMessage(), delay});
                Cached later = renewingAt(now, Math.min(now.expiresAt, clock.millis() + delay));
                slot.cached = later;
                return later;
            }
            throw e;
        } catch (ProcoreAuthorizationRequiredException e) {
            slot.cached = null;
            slot.unsaved = null;
            throw e;
        } catch (StoreFailure e) {
            // the store is unavailable: keep working with a token that is still valid, and look again shortly
            if (now != null && rejected == null && now.isValid(clock.millis())) {
                LOG.log(Level.FINE, "Procore connection ''{0}'': token store unavailable ({1}); using the current token until it answers",
                        new Object[] {connection, Throwables.rootMessage(e.getCause())});
                Cached later = renewingAt(now, Math.min(now.expiresAt, clock.millis() + STORE_RETRY_MILLIS));
                slot.cached = later;
                return later;
            }
            throw e.unavailable(connection);
        }
    }

    private boolean usable(Cached c, String rejected) {
        return c.isFresh(clock.millis()) && (rejected == null || !c.token.value().equals(rejected));
    }

    private Cached clientCredentials(Slot slot, Cached now, String rejected) {
        AccessToken stored = null;
        try {
            stored = load(slot.subject);
        } catch (StoreFailure | ProcoreAuthorizationRequiredException e) {
            // a service account can always ask for a new token
        }
        if (stored != null && (now == null || !stored.equals(now.token)) && !stored.value().equals(rejected) && fresh(stored)) {
            return cache(stored); // e.g. another JVM sharing the store fetched one
        }
        if (stored != null && !stored.value().equals(rejected)) {
            // the shared token is due: one node asks Procore, the others take what it stores (one request per expiry)
            AccessToken other = awaitClaimedServiceAccountToken(slot.subject, stored);
            if (other != null) {
                return cache(other);
            }
        }
        AccessToken token = endpoint.clientCredentials();
        try {
            store.get().save(storeKey, slot.subject, token);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Procore connection ''{0}'': could not store the service-account token ({1}); it is used from memory",
                    new Object[] {connection, Throwables.rootMessage(e)});
        }
        return cache(token);
    }

    /**
     * Claims the due service-account token as refreshes are claimed. Without the claim (another node holds it), waits
     * for the token that node stores, at most {@link #SERVICE_ACCOUNT_WAIT}. A client-credentials request spends
     * nothing, so on any doubt (store down, claim lapsed, row gone) the caller asks Procore itself.
     *
     * @return the token another node stored, or {@code null} to ask Procore
     */
    private AccessToken awaitClaimedServiceAccountToken(String subject, AccessToken stored) {
        try {
            if (claim(subject, stored)) {
                return null; // ours: ask Procore; the save that follows ends the claim
            }
            AccessToken current = awaitOtherProcess(subject, stored, SERVICE_ACCOUNT_WAIT.compareTo(lease) < 0 ? SERVICE_ACCOUNT_WAIT : lease);
            return current != null && fresh(current) ? current : null;
        } catch (StoreFailure | ProcoreAuthorizationRequiredException e) {
            return null;
        }
    }

    private Cached byRefresh(Slot slot, String rejected) {
        String subject = slot.subject;
        AccessToken stored = load(subject);
        for (int round = 0; ; round++) {
            if (stored == null) {
                throw authorizationRequired(subject, "no token stored (never authorized, revoked or signed out)", null);
            }
            if (stored.equals(slot.spent)) {
                forgetSpent(slot, stored);
                throw authorizationRequired(subject, "the stored refresh token was already spent", null);
            }
            if (!stored.value().equals(rejected) && fresh(stored)) {
                slot.inDoubt = null;
                return cache(stored);
            }
            if (!stored.hasRefreshToken()) {
                return redeemedElsewhere(slot, stored, rejected);
            }
            long claimedAt = System.nanoTime();
            if (claim(subject, stored)) {
                Cached renewed = redeem(slot, stored, claimedAt);
                if (renewed != null) {
                    return renewed;
                }
                stored = load(subject); // the pair changed between our claim and our record of the redemption
                continue;
            }
            AccessToken current = awaitOtherProcess(subject, stored);
            if (current == null) {
                if (round >= 1) {
                    throw new ProcoreTokenException("Procore connection '" + connection + "': another process holds the refresh "
                            + "claim of subject '" + subject + "' and stored no new token within two leases of " + lease, 0, null, null, null);
                }
                continue; // the lease ran out and the pair still holds its refresh token: the claimer died before sending it
            }
            if (round >= 2) {
                throw authorizationRequired(subject, "the token another process stored is not usable", null);
            }
            stored = current;
        }
    }

    /**
     * The stored pair has no refresh token: a process redeeming it records that before sending it (see {@link #redeem}), so
     * another process sent it to Procore and has not stored the new pair yet (a slow answer, a store outage) or stopped.
     * Its access token serves while Procore still accepts it; then the new pair is awaited for one lease, after which the
     * subject must authorize again. The stripped pair is left in the store for its redeemer, and this refresh token is
     * never sent again.
     */
    private Cached redeemedElsewhere(Slot slot, AccessToken stripped, String rejected) {
        long now = clock.millis();
        if (!stripped.value().equals(rejected) && now < stripped.expiresAt().toEpochMilli()) {
            Cached c = cache(stripped);
            return renewingAt(c, Math.min(c.expiresAt, now + STORE_RETRY_MILLIS)); // look for the new pair again shortly
        }
        InDoubt doubt = slot.inDoubt;
        if (doubt == null || !doubt.pair.equals(stripped) || clock.millis() >= doubt.untilMillis) {
            AccessToken current = awaitOtherProcess(slot.subject, stripped);
            if (current != null) {
                return byRefresh(slot, rejected);
            }
            // waited a lease with the store answering: for the next lease, calls fail at once unless the store holds another pair
            slot.inDoubt = new InDoubt(stripped, clock.millis() + lease.toMillis());
        }
        throw authorizationRequired(slot.subject, "another process sent the refresh token to Procore and stored no new pair within "
                + lease + " (it may have stopped)", null);
    }

    private boolean claim(String subject, AccessToken stored) {
        try {
            return store.get().claimRefresh(storeKey, subject, stored, lease);
        } catch (RuntimeException e) {
            throw new StoreFailure(e);
        }
    }

    /**
     * Redeems the refresh token of {@code stored} (claimed). Before the request leaves, the store records the redemption by
     * replacing the pair with a copy without its refresh token: whatever happens next (a lost answer, a store outage of
     * any length, a killed process, an unparsable answer), no process sends this refresh token again.
     *
     * @return the new pair, or {@code null} when the stored pair changed after the claim (nothing was sent)
     */
    private Cached redeem(Slot slot, AccessToken stored, long claimedAt) {
        String subject = slot.subject;
        AccessToken sent = withoutRefreshToken(stored);
        try {
            if (!replaceConfirmed(subject, stored, sent, claimedAt + lease.toNanos() / 4)) {
                return null;
            }
        } catch (RuntimeException e) {
            // nothing was sent; the store holds the pair or (its answer lost) the stripped copy: put the pair back later
            leaveUnsaved(slot, new Unsaved(sent, stored, Unsaved.Kind.RESTORE));
            releaseQuietly(subject, stored);
            throw new StoreFailure(e);
        }
        AccessToken renewed;
        try {
            renewed = endpoint.refresh(stored.refreshToken());
        } catch (TokenEndpointException e) {
            if (!e.mayHaveReachedServer()) {
                restore(slot, sent, stored); // provably never sent: the refresh token is intact
                throw e;
            }
            return spent(slot, sent, "the refresh token was spent and no new one was received (" + e.getMessage() + ")", e);
        } catch (ProcoreTokenException e) {
            // the answer arrived but was unusable: the old refresh token is spent all the same
            return spent(slot, sent, "the refresh answer was unusable (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            // any other failure once the request may have left (an answer the parser could not read, ...) spends it too
            return spent(slot, sent, "the refresh failed (" + e.getClass().getSimpleName() + ")", e);
        }
        return keep(slot, sent, renewed, claimedAt + lease.toNanos() - Math.min(lease.toNanos() / 4, TimeUnit.SECONDS.toNanos(2)));
    }

    /**
     * Keeps {@code u} for the store to take when it answers again: at the subject's next call, or in the background a
     * second later (then at growing intervals up to {@link #MAX_PERSIST_RETRY_MILLIS}), so that other nodes waiting for the
     * pair get it even if this node serves no call.
     */
    private void leaveUnsaved(Slot slot, Unsaved u) {
        slot.unsaved = u;
        persistLater(slot, STORE_RETRY_MILLIS);
    }

    private void persistLater(Slot slot, long delayMillis) {
        if (closed) {
            return;
        }
        try {
            RuntimeThreads.timer().schedule(() -> {
                if (slot.unsaved == null || closed) {
                    return;
                }
                try {
                    RENEWALS.execute(() -> {
                        try {
                            exclusive(slot.subject, s -> s.unsaved == null ? null : obtain(s, s.cached, null));
                        } catch (RuntimeException e) {
                            // the store is still down (or the subject signed out): looked at again below
                        }
                        if (slot.unsaved != null) {
                            persistLater(slot, Math.min(MAX_PERSIST_RETRY_MILLIS, delayMillis * 2));
                        }
                    });
                } catch (RejectedExecutionException e) {
                    persistLater(slot, MAX_PERSIST_RETRY_MILLIS);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the runtime is shutting down
        }
    }

    /** A refresh request that never left: the stored stripped copy becomes the intact pair again (now, or when the store answers). */
    private void restore(Slot slot, AccessToken sent, AccessToken intact) {
        try {
            replaceConfirmed(slot.subject, sent, intact, System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        } catch (RuntimeException e) {
            leaveUnsaved(slot, new Unsaved(sent, intact, Unsaved.Kind.RESTORE));
        }
        releaseQuietly(slot.subject, intact);
    }

    /** The refresh token of {@code stored} is spent: remove the pair, unless another node already stored its successor. */
    private Cached spent(Slot slot, AccessToken stored, String reason, RuntimeException cause) {
        String subject = slot.subject;
        boolean removed;
        try {
            removed = store.get().replace(storeKey, subject, stored, null);
        } catch (RuntimeException e) {
            slot.spent = stored; // never redeem it again; removed when the store answers
            removed = true;
        }
        if (!removed) {
            AccessToken current = loadQuietly(subject);
            if (current != null && !current.equals(stored) && fresh(current)) {
                return cache(current);
            }
        }
        LOG.log(Level.WARNING, "{0} Procore connection ''{1}'': session of subject lost, it must authorize again: {2}",
                new Object[] {LogIds.SESSION_LOST, connection, reason});
        throw authorizationRequired(subject, reason, cause);
    }

    private void forgetSpent(Slot slot, AccessToken spent) {
        try {
            store.get().replace(storeKey, slot.subject, spent, null);
            slot.spent = null;
        } catch (RuntimeException e) {
            // still unavailable: stays marked as spent
        }
    }

    /** Stores the new pair (compare-and-set), retrying store failures until {@code giveUpNanos}; then keeps it in memory. */
    private Cached keep(Slot slot, AccessToken sent, AccessToken renewed, long giveUpNanos) {
        String subject = slot.subject;
        boolean replaced;
        try {
            replaced = replaceConfirmed(subject, sent, renewed, giveUpNanos);
        } catch (RuntimeException e) {
            leaveUnsaved(slot, new Unsaved(sent, renewed, Unsaved.Kind.ISSUED));
            LOG.log(Level.WARNING, "{0} Procore connection ''{1}'': the token store failed to take a new token pair ({2}); "
                    + "it is kept in memory and stored when the store answers again", new Object[] {LogIds.STORE_WRITE_FAILED, connection,
                    Throwables.rootMessage(e)});
            Cached c = cache(renewed);
            return renewingAt(c, Math.min(c.renewAt, clock.millis() + STORE_RETRY_MILLIS));
        }
        slot.unsaved = null;
        if (replaced) {
            return cache(renewed);
        }
        return superseded(subject, renewed);
    }

    /** The row changed while our pair was being obtained: signed out (or re-authorized) elsewhere. Our pair is revoked. */
    private Cached superseded(String subject, AccessToken ours) {
        revokeQuietly(ours);
        AccessToken current = loadQuietly(subject);
        if (current == null) {
            throw authorizationRequired(subject, "signed out while the token was being refreshed", null);
        }
        return cache(current);
    }

    private Cached persistUnsaved(Slot slot, String rejected) {
        Unsaved u = slot.unsaved;
        boolean replaced;
        try {
            replaced = replaceConfirmed(slot.subject, u.expected, u.pair, System.nanoTime());
        } catch (RuntimeException e) {
            throw new StoreFailure(e);
        }
        slot.unsaved = null;
        if (u.kind == Unsaved.Kind.RESTORE) {
            return byRefresh(slot, rejected); // the intact pair is back (or the row moved on): decide from the store
        }
        if (!replaced) {
            return superseded(slot.subject, u.pair);
        }
        LOG.log(Level.INFO, "{0} Procore connection ''{1}'': the token pair kept in memory is now stored",
                new Object[] {LogIds.STORE_WRITE_RECOVERED, connection});
        Cached c = cache(u.pair);
        if (usable(c, rejected)) {
            return c;
        }
        slot.cached = c;
        return byRefresh(slot, rejected);
    }

    /**
     * Polls the store until the pair changes or the lease runs out.
     * @return the new pair, or {@code null} after the lease
     */
    private AccessToken awaitOtherProcess(String subject, AccessToken stored) {
        return awaitOtherProcess(subject, stored, lease);
    }

    private AccessToken awaitOtherProcess(String subject, AccessToken stored, Duration atMost) {
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
                throw authorizationRequired(subject, "the token was removed while another process refreshed it", null);
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

    private static boolean isStrippedCopy(AccessToken candidate, AccessToken pair) {
        return !candidate.hasRefreshToken() && pair.hasRefreshToken() && candidate.value().equals(pair.value());
    }

    static AccessToken withoutRefreshToken(AccessToken pair) {
        return new AccessToken(pair.value(), pair.tokenType(), pair.expiresAt(), null, pair.createdAt());
    }

    /**
     * Compare-and-set, retrying store failures until {@code giveUpNanos}. A write that was applied but whose answer was lost
     * (the connection reset after the commit) makes the retry find {@code replacement} already there: that counts as
     * done, never as "changed by someone else".
     */
    private boolean replaceConfirmed(String subject, AccessToken expected, AccessToken replacement, long giveUpNanos) {
        return writeWithRetries(() -> {
            TokenStore tokens = store.get();
            if (tokens.replace(storeKey, subject, expected, replacement)) {
                return true;
            }
            Optional<AccessToken> now;
            try {
                now = tokens.load(storeKey, subject);
            } catch (UnreadableTokenException e) {
                return false;
            }
            return replacement == null ? now.isEmpty() : now.filter(t -> sameSecrets(t, replacement)).isPresent();
        }, giveUpNanos);
    }

    private static boolean sameSecrets(AccessToken a, AccessToken b) {
        return a.value().equals(b.value()) && Objects.equals(a.refreshToken(), b.refreshToken());
    }

    // ---- store access

    /** @return the stored pair, or {@code null}; an unreadable entry means authorization required */
    private AccessToken load(String subject) {
        try {
            return store.get().load(storeKey, subject).orElse(null);
        } catch (UnreadableTokenException e) {
            if (warnedUnreadable.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "{0} Procore connection ''{1}'': a stored token cannot be read ({2}); its subject must "
                        + "authorize again (further unreadable entries are not logged)", new Object[] {LogIds.UNREADABLE_TOKEN, connection,
                        e.getMessage()});
            }
            throw authorizationRequired(subject, "the stored token cannot be read (" + e.getMessage() + ")", e);
        } catch (ProcoreAuthorizationRequiredException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreFailure(e);
        }
    }

    private AccessToken loadQuietly(String subject) {
        try {
            return load(subject);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void removeQuietly(String subject, AccessToken stored) {
        try {
            store.get().replace(storeKey, subject, stored, null);
        } catch (RuntimeException e) {
            // it is unusable anyway
        }
    }

    private void releaseQuietly(String subject, AccessToken stored) {
        try {
            store.get().releaseClaim(storeKey, subject, stored);
        } catch (RuntimeException e) {
            // the lease runs out by itself
        }
    }

    private void revokeQuietly(AccessToken pair) {
        try {
            endpoint.revoke(pair);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Procore connection ''{0}'': revoking an orphaned token pair failed: {1}",
                    new Object[] {connection, Throwables.rootMessage(e)});
        }
    }

    /** Runs a store write, retrying failures with exponential backoff until {@code giveUpNanos}. */
    private <T> T writeWithRetries(Supplier<T> write, long giveUpNanos) {
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

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcoreException("Procore connection '" + connection + "': interrupted while waiting for a token", e);
        }
    }

    // ---- cache entries

    private Cached cache(AccessToken token) {
        return entry(token, "Bearer " + token.value(), renewAt(token), token.expiresAt().toEpochMilli());
    }

    /** @return the same token, due for renewal at {@code renewAt} */
    private Cached renewingAt(Cached c, long renewAt) {
        return entry(c.token, c.header, renewAt, c.expiresAt);
    }

    /**
     * A cache entry. Where the runtime timer follows our clock and a late timer would still leave a valid token, the
     * timer marks the entry due at {@code renewAt}, so that until then the hot path reads a field instead of the clock
     * (a clock read is most of a cache hit's cost); otherwise the hot path reads the clock.
     */
    private Cached entry(AccessToken token, String header, long renewAt, long expiresAt) {
        long dueIn = renewAt - clock.millis();
        if (timerFollowsClock && dueIn > 0 && expiresAt - renewAt >= TIMED_MARGIN_MILLIS) {
            Cached timed = new Cached(token, header, renewAt, expiresAt, true);
            if (marks.schedule(timed, dueIn)) {
                return timed;
            }
        }
        return new Cached(token, header, renewAt, expiresAt, false);
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
        /** Whether the runtime timer sets {@link #due}; otherwise the clock decides. */
        private final boolean timed;
        private volatile boolean due;

        Cached(AccessToken token, String header, long renewAt, long expiresAt, boolean timed) {
            this.token = token;
            this.header = header;
            this.renewAt = renewAt;
            this.expiresAt = expiresAt;
            this.timed = timed;
        }

        /**
         * @return whether it is too early to renew: the hot path's only test, without a clock read while a timed entry is
         *         unmarked. A marked entry is judged by the clock like any other, so a mark that comes early (the wall
         *         clock was set back, the connection closed) costs a clock read per call, never a token request.
         */
        boolean isFresh(Clock clock) {
            return timed && !due || clock.millis() < renewAt;
        }

        /** @return whether it is too early to renew at {@code nowMillis} */
        boolean isFresh(long nowMillis) {
            return nowMillis < renewAt;
        }

        void markDue() {
            due = true;
        }

        /** @return whether Procore still accepts it (it may be due for renewal) */
        boolean isValid(long nowMillis) {
            return nowMillis < expiresAt;
        }

    }

    /** A flight: the token request (or sign-out, or code exchange) in progress for one subject. */
    private static final class Flight {
        /** Marks an evicted slot: no flight can start on it. */
        static final Flight DEAD = new Flight();
        final CompletableFuture<Cached> future = new CompletableFuture<>();
    }

    /** A pair the store has not taken yet, and the stored pair it replaces. */
    private record Unsaved(AccessToken expected, AccessToken pair, Kind kind) {
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
    private record InDoubt(AccessToken pair, long untilMillis) {
        @Override
        public String toString() {
            return "InDoubt[until=" + untilMillis + "]";
        }
    }

    /** The last token request failed: none is sent for the subject before {@code untilMillis}. */
    private record Backoff(long untilMillis, ProcoreTokenException cause) {
        ProcoreTokenException failure(String connection) {
            return new ProcoreTokenException("Procore connection '" + connection + "': the last token request failed ("
                    + cause.getMessage() + "); the next one is not sent before " + java.time.Instant.ofEpochMilli(untilMillis),
                    cause.status(), cause.error(), cause.errorDescription(), cause);
        }
    }

    /** A failure of the token store itself (not of Procore). */
    private static final class StoreFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreFailure(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        ProcoreException unavailable(String connection) {
            return new ProcoreException("Procore connection '" + connection + "': the token store is unavailable: "
                    + Throwables.rootMessage(getCause()), getCause());
        }
    }

    /** One subject's cached token, its flight, and what the faults left to finish. */
    private static final class Slot {
        final String subject;
        volatile Cached cached;
        volatile Unsaved unsaved;
        /** a pair whose refresh token this JVM spent and could not remove yet */
        volatile AccessToken spent;
        /** a stripped pair whose redeemer was awaited for a lease in vain: calls fail at once while it is stored, for a lease */
        volatile InDoubt inDoubt;
        volatile Backoff backoff;
        /** consecutive failed token requests (written in flights only) */
        int failures;
        final AtomicReference<Flight> flight = new AtomicReference<>();

        Slot(String subject) {
            this.subject = subject;
        }

        /** @return whether nothing needs the slot: no token, nothing to finish, no backoff to honour */
        boolean isEmpty() {
            return cached == null && unsaved == null && spent == null && inDoubt == null && backoff == null;
        }

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
    }

    @Override
    public String toString() {
        return "TokenManager[connection=" + connection + ", grantType=" + grantType + ", subjects=" + slots.size() + "]";
    }
}
