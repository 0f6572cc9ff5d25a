package io.github.procorecdi.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.internal.RuntimeThreads;

/** Builds a {@link TokenManager}; everything but the grant, the endpoint and the store has a default. */
public final class TokenManagerBuilder {
    private final String connection;
    private String storeKey;
    private GrantType grantType;
    private TokenGrants endpoint;
    private Supplier<TokenStore> store;
    private Supplier<URI> authorizationUri = () -> null;
    private Clock clock = Clock.systemUTC();
    private Duration refreshAhead = Duration.ofMinutes(5);
    private Duration lease = Duration.ofSeconds(75);
    private TokenWaitListener listener = TokenWaitListener.NONE;
    private RuntimeThreads threads;

    TokenManagerBuilder(String connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.storeKey = connection;
    }

    /** @param storeKey what the store is given as the connection (default: the connection name) */
    public TokenManagerBuilder storeKey(String storeKey) {
        this.storeKey = storeKey;
        return this;
    }

    public TokenManagerBuilder grantType(GrantType grantType) {
        this.grantType = grantType;
        return this;
    }

    /** @param endpoint Procore's OAuth endpoints */
    public TokenManagerBuilder endpoint(TokenGrants endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    /** @param store the token store, resolved at first use */
    public TokenManagerBuilder store(Supplier<TokenStore> store) {
        this.store = store;
        return this;
    }

    /** @param authorizationUri the authorize URL to put in {@link ProcoreAuthorizationRequiredException}s */
    public TokenManagerBuilder authorizationUri(Supplier<URI> authorizationUri) {
        this.authorizationUri = authorizationUri;
        return this;
    }

    public TokenManagerBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** @param refreshAhead renew this long before expiry (at most half of a token's lifetime; default 5 minutes) */
    public TokenManagerBuilder refreshAhead(Duration refreshAhead) {
        this.refreshAhead = refreshAhead;
        return this;
    }

    /** @param lease the refresh-claim lease; must exceed the token request's hard deadline (default 75 s) */
    public TokenManagerBuilder lease(Duration lease) {
        this.lease = lease;
        return this;
    }

    /** @param listener told how long callers wait for a token (metrics) */
    public TokenManagerBuilder listener(TokenWaitListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * @param threads the connection's threads, where renewals ahead of expiry and timer marks run; their owner closes them
     *                (default: the engine makes its own and stops them in {@link TokenManager#close()})
     */
    public TokenManagerBuilder threads(RuntimeThreads threads) {
        this.threads = threads;
        return this;
    }

    public TokenManager build() {
        EngineSettings settings = new EngineSettings(connection, storeKey, Objects.requireNonNull(grantType, "grantType"),
                Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(store, "store"), authorizationUri, clock,
                refreshAhead, lease, listener);
        return new TokenManager(settings, threads != null ? new BackgroundWork(threads, false)
                : new BackgroundWork(RuntimeThreads.of(connection), true));
    }
}
