package io.github.procorecdi.token;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.internal.Throwables;

/**
 * Renewal of a service account's token ({@code client_credentials}), shared through the store: a valid token another
 * process stored is used; at expiry one process claims the due token and asks Procore while the others wait for what
 * it stores (one request per expiry in a cluster). A client-credentials request spends nothing, so on any doubt (store
 * down, claim lapsed, row gone) the process asks Procore itself.
 */
final class ServiceAccountProtocol implements Renewal {
    /** The longest a service account waits for the token another node is fetching before it asks Procore itself. */
    static final Duration SERVICE_ACCOUNT_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(TokenManager.class.getName());

    private final EngineSettings settings;
    private final StoreAccess store;
    private final CachedTokens entries;

    ServiceAccountProtocol(EngineSettings settings, StoreAccess store, CachedTokens entries) {
        this.settings = settings;
        this.store = store;
        this.entries = entries;
    }

    @Override
    public CachedToken renew(Slot slot, CachedToken now, String rejected) {
        AccessToken stored = null;
        try {
            stored = store.load(slot.subject);
        } catch (StoreFailure | ProcoreAuthorizationRequiredException e) {
            // a service account can always ask for a new token
        }
        if (stored != null && (now == null || !stored.equals(now.token)) && !stored.value().equals(rejected) && entries.fresh(stored)) {
            return entries.of(stored); // e.g. another JVM sharing the store fetched one
        }
        if (stored != null && !stored.value().equals(rejected)) {
            // the shared token is due: one node asks Procore, the others take what it stores (one request per expiry)
            AccessToken other = awaitClaimedToken(slot.subject, stored);
            if (other != null) {
                return entries.of(other);
            }
        }
        AccessToken token = settings.endpoint().clientCredentials();
        try {
            store.save(slot.subject, token);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Procore connection ''{0}'': could not store the service-account token ({1}); it is used from memory",
                    new Object[] {settings.connection(), Throwables.rootMessage(e)});
        }
        return entries.of(token);
    }

    /**
     * Claims the due token as refreshes are claimed. Without the claim (another node holds it), waits for the token that
     * node stores, at most {@link #SERVICE_ACCOUNT_WAIT}.
     *
     * @return the token another node stored, or {@code null} to ask Procore
     */
    private AccessToken awaitClaimedToken(String subject, AccessToken stored) {
        try {
            if (store.claim(subject, stored)) {
                return null; // ours: ask Procore; the save that follows ends the claim
            }
            Duration lease = settings.lease();
            AccessToken current = store.awaitOtherProcess(subject, stored, SERVICE_ACCOUNT_WAIT.compareTo(lease) < 0 ? SERVICE_ACCOUNT_WAIT : lease);
            return current != null && entries.fresh(current) ? current : null;
        } catch (StoreFailure | ProcoreAuthorizationRequiredException e) {
            return null;
        }
    }
}
