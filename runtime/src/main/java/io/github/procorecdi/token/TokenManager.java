package io.github.procorecdi.token;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.internal.Throwables;
import io.github.procorecdi.token.Slot.Flight;

/**
 * The token engine of one connection: a lock-free cache of each subject's access token in front of the
 * {@link TokenStore}, renewal {@code refresh-ahead} before expiry, and single flight: however many threads need a new
 * token for a subject at once, one token request is made and the others wait for its result (or keep using the
 * still-valid token while it runs). Revocation and code exchange run in the same flight, so nothing a renewal finishes
 * can outlive a sign-out.
 *
 * <p>Its parts: {@link CachedToken} (an entry and its {@link CachedToken.Freshness}), {@link CachedTokens} (when entries
 * fall due, the timer marks), {@link Slot} (one subject's entry, flight and pending work), the grant's {@link Renewal}
 * ({@link RefreshTokenProtocol}, where the single-use rules live, or {@link ServiceAccountProtocol}), and
 * {@link StoreAccess}. A failed token request makes the subject back off (1 s doubling to 60 s); a subject whose token
 * expired long ago is evicted (the store keeps the pair).
 */
public final class TokenManager {
    private static final Logger LOG = Logger.getLogger(TokenManager.class.getName());
    /** After a store failure with a still-valid token in hand: try the store again after this long. */
    static final long STORE_RETRY_MILLIS = 1000;
    static final long FIRST_BACKOFF_MILLIS = Slot.FIRST_BACKOFF_MILLIS;
    /** A slot whose token expired this long ago (so nobody used it since) is evicted; the store keeps the pair. */
    static final long IDLE_EVICTION_MILLIS = TimeUnit.MINUTES.toMillis(10);

    private final EngineSettings settings;
    private final Clock clock;
    private final Flights flights;
    private final ConcurrentHashMap<String, Slot> slots;
    private final CachedTokens entries;
    private final StoreAccess store;
    private final Renewal renewal;
    /** A service account's slot (its only subject), read before the map: one lookup less per call. */
    private volatile Slot serviceAccount;
    private volatile boolean closed;
    /** The renewal pool and timer work of this engine, on the connection's threads (or its own, closed with it). */
    private final BackgroundWork work;
    /** When {@link #evictIdle} next looks at the slots. */
    private volatile long nextEviction;

    /** @param work where the engine's background work and timer marks run */
    TokenManager(EngineSettings settings, BackgroundWork work) {
        this.settings = settings;
        this.clock = settings.clock();
        this.work = work;
        this.flights = new Flights(settings.connection(), settings.lease().toMillis() * 3);
        this.slots = flights.slots;
        this.entries = new CachedTokens(clock, settings.refreshAhead().toMillis(), work.timer());
        this.store = new StoreAccess(settings);
        this.renewal = settings.grantType() == GrantType.CLIENT_CREDENTIALS ? new ServiceAccountProtocol(settings, store, entries)
                : new RefreshTokenProtocol(settings, store, entries, this::persistLater);
    }

    /** @return a builder for the engine of connection {@code connection} */
    public static TokenManagerBuilder builder(String connection) {
        return new TokenManagerBuilder(connection);
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
        CachedToken c = slot == null ? null : slot.cached;
        return c != null && c.isValid(clock.millis()) ? c.token : null;
    }

    /**
     * The hot path: one map lookup (none for a service account, whose one slot is kept at hand) and two volatile reads
     * (no clock read for an entry the timer marks due); renews only when due.
     */
    private CachedToken current(String subject) {
        Slot slot = serviceAccount;
        if (slot != null && slot.subject.equals(subject)) {
            CachedToken c = slot.cached;
            if (c != null && c.isFresh(clock)) {
                return c; // a slot holding a token is never evicted, so this is the map's slot
            }
        }
        slot = slots.get(subject);
        if (slot != null) {
            if (settings.grantType() == GrantType.CLIENT_CREDENTIALS && slot != serviceAccount) {
                serviceAccount = slot;
            }
            CachedToken c = slot.cached;
            if (c != null && c.isFresh(clock)) {
                return c;
            }
            return waitFor(subject, slot, c, null);
        }
        return waitFor(subject, null, null, null);
    }

    /** {@link #renew}, reporting the wait of a caller that could not keep the token it saw. */
    private CachedToken waitFor(String subject, Slot slot, CachedToken seen, String rejected) {
        long start = System.nanoTime();
        CachedToken result = renew(subject, slot, seen, rejected);
        if (result != seen) {
            settings.listener().tokenWait(System.nanoTime() - start);
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
        CachedToken c = slot == null ? null : slot.cached;
        if (c != null && !c.token.value().equals(rejected) && c.isFresh(clock.millis())) {
            return c.header;
        }
        return waitFor(subject, slot, c, rejected).header;
    }

    /** Exchanges an authorization code and stores the new pair for {@code subject} (in the subject's single flight). */
    public AccessToken exchangeCode(String subject, String code) {
        return flights.exclusive(subject, slot -> {
            AccessToken token = settings.endpoint().exchangeCode(code);
            try {
                store.writeWithRetries(() -> {
                    store.save(subject, token);
                    return Boolean.TRUE;
                }, System.nanoTime() + settings.lease().toNanos() / 2);
            } catch (RuntimeException e) {
                settings.revokeQuietly(token); // nobody could ever use it
                throw e;
            }
            slot.reset();
            slot.cached = entries.of(token);
            return token;
        });
    }

    /**
     * Signs {@code subject} out: in the subject's single flight (after any renewal in progress), forgets the store's
     * current pair and the cached one, then revokes them at Procore. The local forgetting happens whatever Procore
     * answers (fail closed); a failure of the store or of Procore is thrown afterwards.
     */
    public void revoke(String subject) {
        flights.exclusive(subject, slot -> {
            RuntimeException failure = null;
            Set<AccessToken> pairs = new LinkedHashSet<>();
            try {
                AccessToken stored = store.load(subject);
                if (stored != null) {
                    pairs.add(stored);
                }
            } catch (ProcoreAuthorizationRequiredException e) {
                // nothing readable to revoke; the entry is removed below
            } catch (StoreFailure e) {
                failure = (RuntimeException) e.getCause();
            }
            try {
                store.remove(subject);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
            CachedToken c = slot.cached;
            Slot.Unsaved u = slot.unsaved;
            slot.reset();
            if (c != null) {
                pairs.add(c.token);
            }
            if (u != null && u.kind() == Slot.Unsaved.Kind.ISSUED) {
                pairs.add(u.pair());
            }
            for (AccessToken pair : pairs) {
                try {
                    settings.endpoint().revoke(pair);
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
        boolean queued = work.submit(() -> {
            try {
                revoke(subject);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, () -> "Procore connection '" + settings.connection() + "': revoking the tokens of an ended "
                        + "session failed: " + Throwables.rootMessage(e));
            }
        });
        if (!queued) {
            LOG.log(Level.FINE, "Procore connection ''{0}'': the renewal queue is full; an ended session''s tokens stay stored",
                    settings.connection());
        }
    }

    /**
     * Closes the engine: waits (at most one lease) for the renewals in flight, so that a pair Procore issued is stored
     * before the application stops, then cancels the timer's pending marks. Every cached token is marked due, so that a
     * later call, if any, decides by the clock. Threads the engine made for itself are stopped.
     */
    public void close() {
        closed = true;
        flights.awaitLanding(System.nanoTime() + settings.lease().toNanos());
        entries.close();
        for (Slot slot : slots.values()) {
            CachedToken c = slot.cached;
            if (c != null) {
                c.markDue();
            }
        }
        work.close();
    }

    /** @return how many timer marks are pending (tests) */
    int pendingMarks() {
        return entries.pendingMarks();
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
        flights.evictIdle(now, IDLE_EVICTION_MILLIS);
        Slot sa = serviceAccount;
        if (sa != null && slots.get(sa.subject) != sa) {
            serviceAccount = null;
        }
    }

    // ---- single flight

    private CachedToken renew(String subject, Slot slot, CachedToken seen, String rejected) {
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
                Slot.Backoff backoff = slot.backoff;
                if (!keepsValid && backoff != null && clock.millis() < backoff.untilMillis()) {
                    throw backoff.failure(settings.connection()); // the last token request failed: none before the backoff ends
                }
                Flight mine = new Flight();
                if (!slot.flight.compareAndSet(null, mine)) {
                    continue;
                }
                CachedToken sawBefore = seen;
                if (keepsValid) {
                    // refresh-ahead: the renewal runs in the background; this caller keeps the valid token
                    if (!ahead(slot, mine, sawBefore)) {
                        mine.future.complete(sawBefore); // every renewal thread is busy and the queue full: a later call asks again
                        flights.land(slot, mine);
                    }
                    return seen;
                }
                return flights.fly(slot, mine, s -> obtain(s, sawBefore, rejected)); // obtain leaves its result in s.cached
            }
            if (rejected == null && seen != null && seen.isValid(clock.millis())) {
                return seen; // still valid: keep working while one thread renews it
            }
            CachedToken result = flights.await(running);
            if (result != null) {
                return result;
            }
            seen = null; // the flight was a sign-out: look again
        }
    }

    /**
     * Runs a refresh-ahead flight (already claimed) on the renewal threads ({@link BackgroundWork}): the same single flight and store rules as a
     * caller's own renewal, while every caller keeps the still-valid token until the new one is stored.
     *
     * @return whether it was handed over
     */
    private boolean ahead(Slot slot, Flight mine, CachedToken seen) {
        return work.submit(() -> {
            try {
                flights.fly(slot, mine, s -> obtain(s, seen, null));
            } catch (RuntimeException | Error e) {
                // reported to any caller waiting on the flight; the next caller after expiry renews itself
                LOG.log(Level.FINE, () -> "Procore connection '" + settings.connection() + "': refresh ahead of expiry failed: " + e);
            }
        });
    }

    // ---- inside a flight

    /**
     * Obtains the subject's token through the grant's {@link Renewal}, and decides what a failure leaves: a caller with a
     * still-valid token keeps it (a store outage, a failed renewal ahead of expiry); a failed token request starts the
     * subject's backoff.
     */
    private CachedToken obtain(Slot slot, CachedToken seen, String rejected) {
        CachedToken now = slot.cached;
        if (now != null && now != seen && now.isFresh(clock.millis()) && (rejected == null || !now.token.value().equals(rejected))) {
            return now; // another flight finished between our look and our claim
        }
        try {
            CachedToken result = renewal.renew(slot, now, rejected);
            slot.cached = result;
            slot.succeeded();
            return result;
        } catch (ProcoreTokenException e) {
            long delay = slot.failed(e, clock.millis());
            if (now != null && rejected == null && now.isValid(clock.millis())) {
                // a renewal ahead of expiry failed: keep the valid token, and ask again only after the backoff
                LOG.log(Level.FINE, "Procore connection ''{0}'': renewal ahead of expiry failed ({1}); the next try in {2} ms",
                        new Object[] {settings.connection(), e.getMessage(), delay});
                return keepFor(slot, now, delay);
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
                        new Object[] {settings.connection(), Throwables.rootMessage(e.getCause())});
                return keepFor(slot, now, STORE_RETRY_MILLIS);
            }
            throw e.unavailable(settings.connection());
        }
    }

    /** @return {@code now}, kept in the slot and due again in {@code millis} (at the latest at its expiry) */
    private CachedToken keepFor(Slot slot, CachedToken now, long millis) {
        CachedToken later = entries.renewingAt(now, Math.min(now.expiresAt, clock.millis() + millis));
        slot.cached = later;
        return later;
    }

    /**
     * Stores what {@code slot} keeps in memory in the background, a second from now and then at growing intervals, so
     * that other nodes waiting for the pair get it even if this node serves no call.
     */
    private void persistLater(Slot slot) {
        work.retry(() -> slot.unsaved != null, () -> closed,
                () -> flights.exclusive(slot.subject, s -> s.unsaved == null ? null : obtain(s, s.cached, null)), STORE_RETRY_MILLIS);
    }

    @Override
    public String toString() {
        return "TokenManager[connection=" + settings.connection() + ", grantType=" + settings.grantType() + ", subjects=" + slots.size()
                + "]";
    }
}
