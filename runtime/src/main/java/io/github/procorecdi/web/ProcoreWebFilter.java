package io.github.procorecdi.web;

import java.io.IOException;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.client.RequestSubjects;
import io.github.procorecdi.connection.ConnectionRegistry;
import jakarta.enterprise.inject.Instance;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Binds each request to its subject (caller principal, else HTTP session) for the token engine,
 * and serves the sign-in flow's login, callback and logout paths, the webhook receivers' paths and the status pages.
 *
 * <p>Where it finds the application's connections: the filter the initializer registers asks the extension, through the
 * runtime's one port to the container ({@link io.github.procorecdi.connection.ContainerServices.Registries}, found with
 * {@link java.util.ServiceLoader}: {@link ExtensionRegistry}); the runtime itself never looks the container up. That
 * works wherever the runtime and the extension are visible to one class loader (a WAR's {@code WEB-INF/lib}, a server
 * module, a Quarkus application with {@code quarkus-undertow}) and whichever thread of the application asks (its start,
 * its requests, its session reaper). A servlet context attribute set by the extension was not chosen: Quarkus starts
 * CDI without a {@code ServletContext} payload, and Quarkus runs the initializer before the connections may be created.
 * The initializer asks the same port to mark the application as a web application at its start; the filter asks for the
 * registry at its start or first request (a container may start filters lazily), and marks it again (idempotent). An
 * application that builds the filter itself hands over its container or registry instead, and is marked then.
 */
public final class ProcoreWebFilter implements Filter {
    private static final Logger LOG = Logger.getLogger(ProcoreWebFilter.class.getName());
    private volatile WebFlow flow;
    private volatile WebhookReceiver webhooks;
    private volatile StatusPages status;
    private volatile boolean resolved;
    private final Supplier<ConnectionRegistry> registry;

    /** The filter the initializer registers: the application's connections come from the extension (see above). */
    public ProcoreWebFilter() {
        this(new ExtensionRegistry());
    }

    /**
     * @param registry the connections to serve (a container's {@link ConnectionRegistry} bean; several CDI containers
     *                 in one JVM, as in tests, each hand over their own)
     */
    public ProcoreWebFilter(Supplier<ConnectionRegistry> registry) {
        this.registry = registry;
    }

    /**
     * @param container the CDI container whose connections to serve (several containers in one JVM, as in tests, each
     *                  hand over their own; the registry is looked up at the first request)
     */
    public ProcoreWebFilter(Instance<Object> container) {
        this(() -> container.select(ConnectionRegistry.class).get());
    }

    /** @return where this filter finds the application's connections */
    Supplier<ConnectionRegistry> registry() {
        return registry;
    }

    /**
     * Resolves the connections when the filter starts (marking the application as a web application, if the initializer
     * could not: a filter built by the application, a container started after the initializer).
     */
    @Override
    public void init(FilterConfig config) {
        resolve(false);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        Supplier<String> previous = RequestSubjects.enter(() -> WebSubjects.of(request));
        try {
            WebFlow f = flow();
            WebhookReceiver w = webhooks;
            if (w != null && w.handle(path(request), request, response)) {
                return;
            }
            StatusPages s = status;
            if (s != null && s.handle(path(request), request, response)) {
                return;
            }
            if (f != null && f.handle(path(request), request, response)) {
                return;
            }
            chain.doFilter(req, res);
        } finally {
            RequestSubjects.restore(previous);
        }
    }

    /** Detaches the status pages from procore-cdi's logger. */
    @Override
    public void destroy() {
        StatusPages s = status;
        if (s != null) {
            s.close();
        }
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private WebFlow flow() {
        if (resolved) {
            return flow;
        }
        resolve(true);
        return flow;
    }

    /** @param finalAttempt whether a failure to find the container is final (at a request) or may be retried (at start) */
    private synchronized void resolve(boolean finalAttempt) {
        if (!resolved) {
            try {
                ConnectionRegistry connections = registry.get();
                connections.servingWebRequests();
                WebFlow f = new WebFlow(connections, Clock.systemUTC());
                WebhookReceiver w = new WebhookReceiver(connections);
                webhooks = w.isEmpty() ? null : w;
                StatusPages s = new StatusPages(connections, Clock.systemUTC());
                status = s.isEmpty() ? null : s;
                flow = f.isEmpty() ? null : f;
            } catch (RuntimeException | LinkageError e) {
                if (!finalAttempt) {
                    return; // the container may not be up yet: look again at the first request
                }
                LOG.log(Level.FINE, "procore-cdi web flow disabled: no CDI container with procore-cdi connections", e);
                flow = null;
            }
            resolved = true;
        }
    }
}
