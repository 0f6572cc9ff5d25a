package io.github.procorecdi.connection;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.IntegrationHealth;
import io.github.procorecdi.ProcoreUploads;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.client.ClientScope;
import io.github.procorecdi.client.RestClients;
import io.github.procorecdi.client.Subjects;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.files.UnifiedUploads;
import io.github.procorecdi.health.ActivitySource;
import io.github.procorecdi.health.LiveIntegrationHealth;
import io.github.procorecdi.internal.LogIds;
import io.github.procorecdi.internal.RuntimeThreads;
import io.github.procorecdi.store.jdbc.JdbcActivity;
import io.github.procorecdi.store.jdbc.JdbcConnections;
import io.github.procorecdi.store.jdbc.JdbcDeliveries;
import io.github.procorecdi.store.jdbc.JdbcTokenStore;
import io.github.procorecdi.telemetry.ApiCallTotals;
import io.github.procorecdi.telemetry.ConnectionMetrics;
import io.github.procorecdi.telemetry.DeferredMetrics;
import io.github.procorecdi.telemetry.ObservedTokenGrants;
import io.github.procorecdi.token.TokenEndpoint;
import io.github.procorecdi.token.TokenManager;
import io.github.procorecdi.webhooks.Deliveries;
import io.github.procorecdi.webhooks.MemoryDeliveries;
import io.github.procorecdi.webhooks.WebhookEvents;

/**
 * Everything one connection owns at run time, built from its validated configuration and what only
 * the container knows ({@link ContainerServices}): OAuth endpoint, token store (created at first use), token
 * manager, subjects and REST client factory. One instance per connection per application.
 */
public final class ConnectionRuntime implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConnectionRuntime.class.getName());
    /** How much longer a refresh claim lasts than the token request's hard deadline. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    private final ConnectionConfig config;
    private final String storeKey;
    private final TokenEndpoint endpoint;
    private final Lazy<JdbcConnections> jdbc;
    private final Lazy<TokenStore> store;
    private final TokenManager tokens;
    private final Subjects subjects;
    private final RestClients clients;
    private final Lazy<UnifiedUploads.Factory> uploads;
    private final Lazy<Deliveries> deliveries;
    private final WebhookEvents webhookEvents;
    private final Lazy<ConnectionProbe> probe;
    /** The table every node adds its API call counts to (jdbc token store only), or {@code null}. */
    private final JdbcActivity sharedActivity;
    /** Every thread the connection starts (timer, renewals, asynchronous calls, activity writes); stopped by {@link #close()}. */
    private final RuntimeThreads threads;
    /** The connection's metrics: their telemetry callbacks refer to this runtime, so {@link #close()} closes them. */
    private final ConnectionMetrics metrics;

    public ConnectionRuntime(ConnectionConfig config, ContainerServices container, Clock clock) {
        this.config = config;
        this.storeKey = StoreKeys.of(config);
        LOG.log(Level.INFO, "{0} Procore connection ''{1}'' keeps its tokens under store key {2}",
                new Object[] {LogIds.STORE_KEY, config.name(), storeKey});
        this.endpoint = new TokenEndpoint(config, clock);
        this.threads = RuntimeThreads.of(config.name());
        Lazy<JdbcConnections> jdbc = new Lazy<>(() -> container.jdbcConnections(config.tokenStore()));
        this.jdbc = jdbc;
        this.store = new Lazy<>(() -> TokenStores.create(config.tokenStore(), container::namedTokenStore, clock, jdbc));
        ConnectionMetrics metrics = DeferredMetrics.untilCreated(() -> container.telemetry()
                .connection(config.name(), config.grantType().value(), this::rateLimitRemaining, this::apiCallTotals));
        this.tokens = TokenManager.builder(config.name()).storeKey(storeKey).grantType(config.grantType())
                .endpoint(new ObservedTokenGrants(endpoint, metrics)).store(store).authorizationUri(() -> authorizationUri(null))
                .clock(clock).refreshAhead(config.refreshAhead()).lease(lease(config)).listener(metrics::tokenWait).threads(threads).build();
        this.metrics = metrics;
        this.subjects = new Subjects(config.name(), config.grantType(), container::subjectResolver, container.webApplication()::isServing);
        this.clients = new RestClients(config, tokens, subjects, clock, metrics, container.retryRules(), threads);
        this.uploads = new Lazy<>(() -> new UnifiedUploads.Factory(config, clients));
        this.deliveries = new Lazy<>(() -> TokenStoreConfig.JDBC.equals(config.tokenStore().kind())
                ? JdbcDeliveries.of(jdbc.get(), config.tokenStore()) : new MemoryDeliveries(clock, MemoryDeliveries.MAX_KEYS));
        this.webhookEvents = container.webhookEvents();
        this.probe = new Lazy<>(() -> new ConnectionProbe(this, clock));
        this.sharedActivity = TokenStoreConfig.JDBC.equals(config.tokenStore().kind())
                ? JdbcActivity.of(jdbc::get, config.tokenStore(), storeKey, clients.activity()).start(threads, config.health().activityInterval()) : null;
    }

    /** @return the last {@code X-Rate-Limit-Remaining} of the connection, or -1 before any (the metrics' gauge) */
    private long rateLimitRemaining() {
        return clients.pacer().lastRemaining();
    }

    /** Hands the connection's API calls since start to {@code sink} (the {@code procore.api.calls} counter). */
    private void apiCallTotals(ApiCallTotals.Sink sink) {
        clients.activity().totals(sink::accept);
    }

    /** @return whether the connection is usable, for readiness checks (cheap; see {@link ConnectionProbe}) */
    public ConnectionProbe.Result probe() {
        return probe.get().probe();
    }

    /** @return the refresh-claim lease: the token request's hard deadline plus {@link #LEASE_MARGIN} */
    public static Duration lease(ConnectionConfig config) {
        return TokenEndpoint.deadline(config).plus(LEASE_MARGIN);
    }

    public ConnectionConfig config() {
        return config;
    }

    /** @return the key this connection's tokens are stored under (name, client id, environment) */
    public String storeKey() {
        return storeKey;
    }

    public TokenManager tokens() {
        return tokens;
    }

    public TokenEndpoint endpoint() {
        return endpoint;
    }

    /** @return the token store (created at first call) */
    public TokenStore store() {
        return store.get();
    }

    public Subjects subjects() {
        return subjects;
    }

    public RestClients clients() {
        return clients;
    }

    /** @return which webhook deliveries were handled: shared through the database with a jdbc token store, else in memory */
    public Deliveries deliveries() {
        return deliveries.get();
    }

    /** @return where webhook events go */
    public WebhookEvents webhookEvents() {
        return webhookEvents;
    }

    /**
     * @param company a company id ({@code Procore-Company-Id} as sent), or {@code null} for every call
     * @return the connection's integration health, computed from its counted calls
     */
    public IntegrationHealth integrationHealth(String company) {
        return new LiveIntegrationHealth(activitySource(), clients.activity().clock(), company, config.health().privateRoutes());
    }

    /** @return where the counted calls are read: the table every node adds to (jdbc token store), else this JVM's counts */
    public ActivitySource activitySource() {
        return sharedActivity != null ? sharedActivity : clients.activity();
    }

    /** Adds this node's API call counts to the shared table now (jdbc token store; else nothing): tests, shutdown. */
    public void flushActivity() {
        if (sharedActivity != null) {
            sharedActivity.flush();
        }
    }

    /** @return the unified upload flow for a client scope (the storage host's HTTP client is created at first use) */
    public ProcoreUploads uploads(ClientScope scope) {
        return uploads.get().of(scope);
    }

    /**
     * @param state CSRF state, or {@code null}
     * @return Procore's authorize URL (authorization code only)
     */
    public URI authorizationUri(String state) {
        return config.grantType() == GrantType.AUTHORIZATION_CODE ? AuthorizationUris.of(config, state) : null;
    }

    /**
     * Releases what the connection holds open: the token cache's pending timer marks, the HTTP clients of the token
     * endpoint and of the uploads' storage host, the idle connections of a jdbc store in Java SE and its threads outside
     * callers' transactions, and last every thread the connection started ({@link RuntimeThreads#close()}). Creates nothing.
     */
    @Override
    public void close() {
        try {
            closeParts();
        } finally {
            threads.close();
        }
    }

    /** @return the connection's threads (tests: they are stopped by {@link #close()}) */
    public RuntimeThreads threads() {
        return threads;
    }

    private void closeParts() {
        tokens.close();
        endpoint.close();
        UnifiedUploads.Factory made = uploads.peek();
        if (made != null) {
            made.close();
        }
        metrics.close();
        if (sharedActivity != null) {
            sharedActivity.close();
        }
        if (store.peek() instanceof JdbcTokenStore jdbc) {
            jdbc.close();
        }
        if (deliveries.peek() instanceof JdbcDeliveries jdbc) {
            jdbc.close();
        }
        JdbcConnections connections = jdbc.peek();
        if (connections != null) {
            connections.close();
        }
    }

    /** A value created at first use. */
    private static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        @Override
        public T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = factory.get();
                        value = v;
                    }
                }
            }
            return v;
        }

        /** @return the value if it was created, else {@code null} */
        T peek() {
            return value;
        }
    }

    @Override
    public String toString() {
        return "ConnectionRuntime[" + config.name() + "]";
    }
}
