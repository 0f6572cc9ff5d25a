package io.github.procorecdi.client;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.internal.DefaultProcoreConnection;
import jakarta.ws.rs.Priorities;

/** Builds MicroProfile Rest Client proxies bound to a connection. */
public final class RestClients {
    private final ConnectionConfig config;
    private final RateLimitPacer pacer;
    private final RetryPolicy retries;

    public RestClients(ConnectionConfig config, Clock clock) {
        this.config = config;
        this.pacer = new RateLimitPacer(config.name(), clock, RateLimitPacer.MAX_WAIT);
        this.retries = new RetryPolicy(config.maxRetries(), clock, RateLimitPacer.MAX_WAIT);
    }

    /** @return the rate-limit pacer shared by every client of the connection */
    public RateLimitPacer pacer() {
        return pacer;
    }

    /**
     * @param api        a MicroProfile Rest Client interface; its {@code @RegisterProvider}s and
     *                   {@code @ClientHeaderParam}s apply as usual
     * @param connection the connection (and subject) the client calls for
     * @return a client whose calls carry the connection's token and map failures to Procore exceptions;
     *         it implements {@link AutoCloseable}
     */
    public <T> T build(Class<T> api, DefaultProcoreConnection connection) {
        if (!api.isInterface()) {
            throw new IllegalArgumentException(api.getName() + " is not an interface: Procore clients are MicroProfile Rest Client interfaces");
        }
        T delegate = RestClientBuilder.newBuilder()
                .baseUri(config.apiUrl())
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new ProcoreRequestFilter(connection), Priorities.AUTHENTICATION)
                .register(new ProcoreResponseFilter(pacer), Priorities.AUTHENTICATION)
                // priority 1: consulted before the implementation's default mapper (Integer.MAX_VALUE), which
                // therefore never runs; disabling it instead makes RESTEasy log a warning per client
                .register(new ProcoreResponseExceptionMapper(), 1)
                .build(api);
        Object proxy = Proxy.newProxyInstance(classLoader(api), new Class<?>[] {api, AutoCloseable.class},
                new ProcoreClientInvocationHandler(api, delegate, connection, pacer, retries));
        return api.cast(proxy);
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
