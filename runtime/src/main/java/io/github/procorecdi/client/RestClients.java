package io.github.procorecdi.client;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.health.ActivityClock;
import io.github.procorecdi.health.ConnectionActivity;
import io.github.procorecdi.internal.RuntimeThreads;
import io.github.procorecdi.telemetry.ConnectionMetrics;
import io.github.procorecdi.token.TokenManager;
import jakarta.ws.rs.Priorities;

/** Builds MicroProfile Rest Client proxies of one connection. */
public final class RestClients {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RestClients.class.getName());
    private final ConnectionConfig config;
    private final ClientServices shared;
    private final ConnectionActivity activity;
    private final RecentSubjects recentSubjects = new RecentSubjects();

    /**
     * Clients reporting retries and rate-limit waits to {@code metrics}, with each method's retries from {@code rules} (the
     * application's Fault Tolerance annotations, where the container knows them).
     *
     * @param threads the connection's threads: {@code CompletionStage} methods are sent and their waits scheduled there
     */
    public RestClients(ConnectionConfig config, TokenManager tokens, Subjects subjects, Clock clock, ConnectionMetrics metrics,
                       RetryRules rules, RuntimeThreads threads) {
        this.config = config;
        this.shared = ClientServices.builder(config).tokens(tokens, subjects)
                .pacing(new RateLimitPacer(config.name(), clock, RateLimitPacer.MAX_WAIT, metrics),
                        new NotConnectedCompanies(config.name(), config.notConnectedPause(), clock))
                .retries(new RetryPolicy(config.maxRetries(), clock, RateLimitPacer.MAX_WAIT), rules).metrics(metrics)
                .async(new AsyncCalls(threads)).build();
        this.activity = new ConnectionActivity(new ActivityClock(clock));
    }

    /** @return the subjects whose calls the connection's clients have sent (the status page) */
    public RecentSubjects recentSubjects() {
        return recentSubjects;
    }

    /** @return every API call of the connection's clients, counted for integration health */
    public ConnectionActivity activity() {
        return activity;
    }

    /** @return the rate-limit pacer shared by every client of the connection */
    public RateLimitPacer pacer() {
        return shared.pacer;
    }

    /**
     * @param api   a MicroProfile Rest Client interface; its {@code @RegisterProvider}s and
     *              {@code @ClientHeaderParam}s apply as usual
     * @param scope the subject and company the client is bound to
     * @return a client whose calls carry the connection's token and map failures to Procore exceptions;
     *         it implements {@link AutoCloseable}
     */
    public <T> T build(Class<T> api, ClientScope scope) {
        if (!api.isInterface()) {
            throw new IllegalArgumentException(api.getName() + " is not an interface: Procore clients are MicroProfile Rest Client interfaces");
        }
        Object owner = new Object();
        RestClientBuilder builder = RestClientBuilder.newBuilder()
                .baseUri(config.apiUrl())
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false); // a redirect would carry the token to wherever it points
        T delegate = withSender(builder, shared.async)
                .register(new ProcoreRequestFilter(owner, scope, shared), Priorities.AUTHENTICATION)
                .register(new ProcoreResponseFilter(owner, shared.pacer, activity, recentSubjects), Priorities.AUTHENTICATION)
                .register(new ProcoreEnvelopeFilter(), Priorities.ENTITY_CODER)
                .register(new ProcoreDataReader())
                // priority 1: consulted before the implementation's default mapper (Integer.MAX_VALUE), which
                // therefore never runs; disabling it instead makes RESTEasy log a warning per client
                .register(new ProcoreResponseExceptionMapper(), 1)
                .build(api);
        ProcoreClientInvocationHandler handler = new ProcoreClientInvocationHandler(owner, api, delegate, scope, shared);
        Object proxy = Proxy.newProxyInstance(classLoader(api), new Class<?>[] {api, AutoCloseable.class}, handler);
        return api.cast(proxy);
    }

    /**
     * CompletionStage methods are sent on the connection's {@link AsyncCalls#sender()}, with their call's subject and
     * company. An implementation that sends them without blocking a thread (Quarkus' REST client) refuses an executor: it
     * keeps its own way then.
     */
    static RestClientBuilder withSender(RestClientBuilder builder, AsyncCalls async) {
        try {
            return builder.executorService(async.sender());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.fine(() -> "procore-cdi: the REST client implementation keeps its own executor: " + e.getMessage());
            return builder;
        }
    }

    private static ClassLoader classLoader(Class<?> api) {
        ClassLoader cl = api.getClassLoader();
        if (cl == null) {
            cl = Thread.currentThread().getContextClassLoader();
        }
        try {
            if (Class.forName(AutoCloseable.class.getName(), false, cl) == AutoCloseable.class) {
                return cl;
            }
        } catch (ClassNotFoundException e) {
            // fall through
        }
        return RestClients.class.getClassLoader();
    }
}
