package io.github.procorecdi.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.internal.Throwables;

/**
 * What every part of one connection's token engine shares: what it talks to and how it is set. Built by
 * {@link TokenManagerBuilder}.
 *
 * @param connection       connection name (for messages)
 * @param storeKey         what the store is given as the connection: name, client id and environment
 * @param grantType        the grant
 * @param endpoint         Procore's OAuth endpoints
 * @param store            the token store (resolved lazily, at first use)
 * @param authorizationUri the authorize URL to put in {@link ProcoreAuthorizationRequiredException}s
 * @param clock            time source
 * @param refreshAhead     renew this long before expiry (at most half of a token's lifetime)
 * @param lease            the refresh-claim lease; must exceed the token request's hard deadline
 * @param listener         told how long callers wait for a token
 */
record EngineSettings(String connection, String storeKey, GrantType grantType, TokenGrants endpoint, Supplier<TokenStore> store,
                      Supplier<URI> authorizationUri, Clock clock, Duration refreshAhead, Duration lease, TokenWaitListener listener) {

    ProcoreAuthorizationRequiredException authorizationRequired(String subject, String reason, Throwable cause) {
        URI uri = grantType == GrantType.AUTHORIZATION_CODE ? authorizationUri.get() : null;
        ProcoreAuthorizationRequiredException e = new ProcoreAuthorizationRequiredException(connection, subject, uri, reason);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** Revokes a pair nobody can use any more; a failure is logged, not thrown. */
    void revokeQuietly(AccessToken pair) {
        try {
            endpoint.revoke(pair);
        } catch (RuntimeException e) {
            Logger.getLogger(TokenManager.class.getName()).log(Level.FINE, "Procore connection ''{0}'': revoking an orphaned token pair "
                    + "failed: {1}", new Object[] {connection, Throwables.rootMessage(e)});
        }
    }

    @Override
    public String toString() {
        return "EngineSettings[connection=" + connection + ", grantType=" + grantType + ", lease=" + lease + "]";
    }
}
