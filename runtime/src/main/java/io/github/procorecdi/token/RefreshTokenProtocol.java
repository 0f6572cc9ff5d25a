package io.github.procorecdi.token;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.internal.LogIds;
import io.github.procorecdi.internal.Throwables;

/**
 * Renewal by refresh token ({@code authorization_code}), under Procore's single-use rule and across every process that
 * shares the store:
 * <ul>
 * <li>a refresh token is redeemed only under the store's claim ({@link io.github.procorecdi.TokenStore#claimRefresh}), and
 *     the redemption is recorded before the request leaves: the stored pair is replaced by the same pair without its
 *     refresh token, so that no process (this one included) sends it again, however long an answer or an outage takes;
 *     a request that provably never left puts the refresh token back and releases the claim;</li>
 * <li>a refresh that reached Procore and failed, in any way, has spent the refresh token: the pair is removed
 *     (compare-and-set), unless another node already stored a newer pair, which is then used; a pair whose removal
 *     failed is remembered as spent;</li>
 * <li>the new pair is stored (compare-and-set against the recorded redemption) before it is used; a write whose answer
 *     was lost counts as written; a store failure is retried within the lease, after which the pair is kept in memory
 *     and stored as soon as the store answers (at the next call, or in the background);</li>
 * <li>a pair that arrives after its subject was signed out elsewhere is revoked, never stored;</li>
 * <li>a process that finds a redemption in progress uses the stored access token while it is valid, then waits one
 *     lease for the new pair, then asks the subject to authorize again.</li>
 * </ul>
 */
final class RefreshTokenProtocol implements Renewal {
    private static final Logger LOG = Logger.getLogger(TokenManager.class.getName());

    private final EngineSettings settings;
    private final StoreAccess store;
    private final CachedTokens entries;
    /** Schedules a background attempt to store what a slot keeps in memory. */
    private final Consumer<Slot> persistLater;

    RefreshTokenProtocol(EngineSettings settings, StoreAccess store, CachedTokens entries, Consumer<Slot> persistLater) {
        this.settings = settings;
        this.store = store;
        this.entries = entries;
        this.persistLater = persistLater;
    }

    @Override
    public CachedToken renew(Slot slot, CachedToken now, String rejected) {
        return slot.unsaved != null ? persistUnsaved(slot, rejected) : byRefresh(slot, rejected);
    }

    private boolean usable(CachedToken c, String rejected) {
        return c.isFresh(settings.clock().millis()) && (rejected == null || !c.token.value().equals(rejected));
    }


    private CachedToken byRefresh(Slot slot, String rejected) {
        String subject = slot.subject;
        AccessToken stored = store.load(subject);
        for (int round = 0; ; round++) {
            if (stored == null) {
                throw settings.authorizationRequired(subject, "no token stored (never authorized, revoked or signed out)", null);
            }
            if (stored.equals(slot.spent)) {
                forgetSpent(slot, stored);
                throw settings.authorizationRequired(subject, "the stored refresh token was already spent", null);
            }
            if (!stored.value().equals(rejected) && entries.fresh(stored)) {
                slot.inDoubt = null;
                return entries.of(stored);
            }
            if (!stored.hasRefreshToken()) {
                return redeemedElsewhere(slot, stored, rejected);
            }
            long claimedAt = System.nanoTime();
            if (store.claim(subject, stored)) {
                CachedToken renewed = redeem(slot, stored, claimedAt);
                if (renewed != null) {
                    return renewed;
                }
                stored = store.load(subject); // the pair changed between our claim and our record of the redemption
                continue;
            }
            AccessToken current = store.awaitOtherProcess(subject, stored);
            if (current == null) {
                if (round >= 1) {
                    throw new ProcoreTokenException("Procore connection '" + settings.connection() + "': another process holds the "
                            + "refresh claim of subject '" + subject + "' and stored no new token within two leases of " + settings.lease(),
                            0, null, null, null);
                }
                continue; // the lease ran out and the pair still holds its refresh token: the claimer died before sending it
            }
            if (round >= 2) {
                throw settings.authorizationRequired(subject, "the token another process stored is not usable", null);
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
    private CachedToken redeemedElsewhere(Slot slot, AccessToken stripped, String rejected) {
        long now = settings.clock().millis();
        if (!stripped.value().equals(rejected) && now < stripped.expiresAt().toEpochMilli()) {
            CachedToken c = entries.of(stripped);
            return entries.renewingAt(c, Math.min(c.expiresAt, now + TokenManager.STORE_RETRY_MILLIS)); // look for the new pair again shortly
        }
        Slot.InDoubt doubt = slot.inDoubt;
        if (doubt == null || !doubt.pair().equals(stripped) || settings.clock().millis() >= doubt.untilMillis()) {
            AccessToken current = store.awaitOtherProcess(slot.subject, stripped);
            if (current != null) {
                return byRefresh(slot, rejected);
            }
            // waited a lease with the store answering: for the next lease, calls fail at once unless the store holds another pair
            slot.inDoubt = new Slot.InDoubt(stripped, settings.clock().millis() + settings.lease().toMillis());
        }
        throw settings.authorizationRequired(slot.subject, "another process sent the refresh token to Procore and stored no new pair within "
                + settings.lease() + " (it may have stopped)", null);
    }

    /**
     * Redeems the refresh token of {@code stored} (claimed). Before the request leaves, the store records the redemption by
     * replacing the pair with a copy without its refresh token: whatever happens next (a lost answer, a store outage of
     * any length, a killed process, an unparsable answer), no process sends this refresh token again.
     *
     * @return the new pair, or {@code null} when the stored pair changed after the claim (nothing was sent)
     */
    private CachedToken redeem(Slot slot, AccessToken stored, long claimedAt) {
        String subject = slot.subject;
        AccessToken sent = StoreAccess.withoutRefreshToken(stored);
        try {
            if (!store.replaceConfirmed(subject, stored, sent, claimedAt + settings.lease().toNanos() / 4)) {
                return null;
            }
        } catch (RuntimeException e) {
            // nothing was sent; the store holds the pair or (its answer lost) the stripped copy: put the pair back later
            leaveUnsaved(slot, new Slot.Unsaved(sent, stored, Slot.Unsaved.Kind.RESTORE));
            store.releaseQuietly(subject, stored);
            throw new StoreFailure(e);
        }
        AccessToken renewed;
        try {
            renewed = settings.endpoint().refresh(stored.refreshToken());
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
        long leaseNanos = settings.lease().toNanos();
        return keep(slot, sent, renewed, claimedAt + leaseNanos - Math.min(leaseNanos / 4, TimeUnit.SECONDS.toNanos(2)));
    }

    /**
     * Keeps {@code u} for the store to take when it answers again: at the subject's next call, or in the background a
     * second later (then at growing intervals up to {@link #MAX_PERSIST_RETRY_MILLIS}), so that other nodes waiting for the
     * pair get it even if this node serves no call.
     */
    private void leaveUnsaved(Slot slot, Slot.Unsaved u) {
        slot.unsaved = u;
        persistLater.accept(slot);
    }

    /** A refresh request that never left: the stored stripped copy becomes the intact pair again (now, or when the store answers). */
    private void restore(Slot slot, AccessToken sent, AccessToken intact) {
        try {
            store.replaceConfirmed(slot.subject, sent, intact, System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        } catch (RuntimeException e) {
            leaveUnsaved(slot, new Slot.Unsaved(sent, intact, Slot.Unsaved.Kind.RESTORE));
        }
        store.releaseQuietly(slot.subject, intact);
    }

    /** The refresh token of {@code stored} is spent: remove the pair, unless another node already stored its successor. */
    private CachedToken spent(Slot slot, AccessToken stored, String reason, RuntimeException cause) {
        String subject = slot.subject;
        boolean removed;
        try {
            removed = store.replace(subject, stored, null);
        } catch (RuntimeException e) {
            slot.spent = stored; // never redeem it again; removed when the store answers
            removed = true;
        }
        if (!removed) {
            AccessToken current = store.loadQuietly(subject);
            if (current != null && !current.equals(stored) && entries.fresh(current)) {
                return entries.of(current);
            }
        }
        LOG.log(Level.WARNING, "{0} Procore connection ''{1}'': session of subject lost, it must authorize again: {2}",
                new Object[] {LogIds.SESSION_LOST, settings.connection(), reason});
        throw settings.authorizationRequired(subject, reason, cause);
    }

    private void forgetSpent(Slot slot, AccessToken spent) {
        try {
            store.replace(slot.subject, spent, null);
            slot.spent = null;
        } catch (RuntimeException e) {
            // still unavailable: stays marked as spent
        }
    }

    /** Stores the new pair (compare-and-set), retrying store failures until {@code giveUpNanos}; then keeps it in memory. */
    private CachedToken keep(Slot slot, AccessToken sent, AccessToken renewed, long giveUpNanos) {
        String subject = slot.subject;
        boolean replaced;
        try {
            replaced = store.replaceConfirmed(subject, sent, renewed, giveUpNanos);
        } catch (RuntimeException e) {
            leaveUnsaved(slot, new Slot.Unsaved(sent, renewed, Slot.Unsaved.Kind.ISSUED));
            LOG.log(Level.WARNING, "{0} Procore connection ''{1}'': the token store failed to take a new token pair ({2}); "
                    + "it is kept in memory and stored when the store answers again", new Object[] {LogIds.STORE_WRITE_FAILED,
                    settings.connection(),
                    Throwables.rootMessage(e)});
            CachedToken c = entries.of(renewed);
            return entries.renewingAt(c, Math.min(c.renewAt, settings.clock().millis() + TokenManager.STORE_RETRY_MILLIS));
        }
        slot.unsaved = null;
        if (replaced) {
            return entries.of(renewed);
        }
        return superseded(subject, renewed);
    }

    /** The row changed while our pair was being obtained: signed out (or re-authorized) elsewhere. Our pair is revoked. */
    private CachedToken superseded(String subject, AccessToken ours) {
        settings.revokeQuietly(ours);
        AccessToken current = store.loadQuietly(subject);
        if (current == null) {
            throw settings.authorizationRequired(subject, "signed out while the token was being refreshed", null);
        }
        return entries.of(current);
    }

    private CachedToken persistUnsaved(Slot slot, String rejected) {
        Slot.Unsaved u = slot.unsaved;
        boolean replaced;
        try {
            replaced = store.replaceConfirmed(slot.subject, u.expected(), u.pair(), System.nanoTime());
        } catch (RuntimeException e) {
            throw new StoreFailure(e);
        }
        slot.unsaved = null;
        if (u.kind() == Slot.Unsaved.Kind.RESTORE) {
            return byRefresh(slot, rejected); // the intact pair is back (or the row moved on): decide from the store
        }
        if (!replaced) {
            return superseded(slot.subject, u.pair());
        }
        LOG.log(Level.INFO, "{0} Procore connection ''{1}'': the token pair kept in memory is now stored",
                new Object[] {LogIds.STORE_WRITE_RECOVERED, settings.connection()});
        CachedToken c = entries.of(u.pair());
        if (usable(c, rejected)) {
            return c;
        }
        slot.cached = c;
        return byRefresh(slot, rejected);
    }
}
