package io.github.procorecdi.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.client.RestClients;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.token.TokenEndpoint;
import io.github.procorecdi.token.TokenManager;

/**
 * Everything one connection owns at run time: its validated configuration, OAuth endpoint client,
 * token manager and subject source. One instance per connection per application; closed at shutdown.
 */
public final class ConnectionRuntime implements AutoCloseable {
    private final ConnectionConfig config;
    private final TokenEndpoint endpoint;
    private final TokenManager tokens;
    private final SubjectSource subjects;
    private final RestClients clients;
    private final ProcoreConnection connection;

    /**
     * @param config   validated configuration
     * @param store    the token store, resolved at first use
     * @param subjects the subject source for authorization-code connections (ignored for client credentials)
     * @param clock    time source
     */
    public ConnectionRuntime(ConnectionConfig config, Supplier<TokenStore> store, SubjectSource subjects, Clock clock) {
        this.config = config;
        this.endpoint = new TokenEndpoint(config, clock);
        Duration flightTimeout = config.connectTimeout().plus(config.readTimeout()).plusSeconds(5);
        this.tokens = new TokenManager(config.name(), config.grantType(), endpoint, memoize(store),
                () -> authorizationUri(null), clock, config.refreshAhead(), flightTimeout);
        this.subjects = config.grantType() == GrantType.CLIENT_CREDENTIALS ? () -> SubjectSource.SERVICE_ACCOUNT : subjects;
        this.clients = new RestClients(config, clock);
        this.connection = new DefaultProcoreConnection(this, null);
    }

    public ConnectionConfig config() {
        return config;
    }

    public TokenManager tokens() {
        return tokens;
    }

    public TokenEndpoint endpoint() {
        return endpoint;
    }

    public RestClients clients() {
        return clients;
    }

    /** @return the connection, acting for the current subject of each call */
    public ProcoreConnection connection() {
        return connection;
    }

    /** @return the subject of the current call */
    public String currentSubject() {
        return subjects.currentSubject();
    }

    /** @param state CSRF state, or {@code null} @return Procore's authorize URL (authorization code only) */
    public URI authorizationUri(String state) {
        return config.grantType() == GrantType.AUTHORIZATION_CODE ? AuthorizationUris.of(config, state) : null;
    }

    @Override
    public void close() {
        endpoint.close();
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = supplier.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }

    @Override
    public String toString() {
        return "ConnectionRuntime[" + config.name() + "]";
    }
}
