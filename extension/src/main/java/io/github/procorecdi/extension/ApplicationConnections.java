package io.github.procorecdi.extension;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.client.RetryRules;
import io.github.procorecdi.config.ConfigProblems;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.ConnectionConfigReader;
import io.github.procorecdi.connection.ConnectionRegistry;
import io.github.procorecdi.connection.ConnectionRuntime;
import io.github.procorecdi.connection.WebApplication;
import io.github.procorecdi.internal.LogIds;
import io.github.procorecdi.telemetry.Telemetry;

import jakarta.enterprise.inject.spi.BeanContainer;

/**
 * The application's connections, decided the same way by both extensions (the portable one at
 * {@code AfterBeanDiscovery}, the build-compatible one at build time and again when the application starts): every
 * connection that is injected or configured, each with its configuration and, from first use on, its runtime; the
 * problems of the connections the application uses (an invalid connection it does not use is logged and left out);
 * the registry the servlet web flow serves; and the deployment-time checks of the token stores.
 */
public final class ApplicationConnections {
    private static final Logger LOG = Logger.getLogger(ApplicationConnections.class.getName());

    private final Map<String, ConnectionHolder> connections = new LinkedHashMap<>();
    private final ConfigProblems problems;
    private volatile ConnectionRegistry registry;
    /** The connections' telemetry, where the OpenTelemetry API is visible; else {@code null}. */
    private volatile ApplicationTelemetry telemetry;

    /** How a connection's holder is made; {@code web} is the application's web flag, the one its registry marks. */
    @FunctionalInterface
    interface Holders {
        ConnectionHolder create(String name, ConnectionConfig config, String tokenStoreKind, WebApplication web);
    }

    private ApplicationConnections(ConfigProblems problems) {
        this.problems = problems;
    }

    /**
     * Reads every connection that is injected ({@code injected}) or configured.
     *
     * @param used     the connections the application uses (injected, or named on an annotated interface): their
     *                 configuration problems go to {@code problems}; problems of the others are only logged
     * @param problems where problems are collected (the caller may have added its own, e.g. wrong injection types)
     */
    static ApplicationConnections read(ConnectionConfigReader reader, Set<String> injected, Set<String> used,
                                       ConfigProblems problems, Holders holders, WebApplication web) {
        ApplicationConnections app = new ApplicationConnections(problems);
        Set<String> names = new TreeSet<>(injected);
        names.addAll(reader.configuredNames());
        for (String name : names) {
            ConfigProblems own = new ConfigProblems();
            Optional<ConnectionConfig> config = reader.read(name, own);
            if (used.contains(name) || injected.contains(name)) {
                problems.addAll(own);
            } else if (!own.isEmpty()) {
                // configured (e.g. by a server-wide system property or environment variable) but not used by
                // this application: another application's connection must not fail this deployment
                LOG.warning(() -> "procore-cdi: ignoring connection '" + name + "': it is configured but not injected here, "
                        + "and its configuration is invalid: " + own.list());
                continue;
            }
            app.connections.put(name, holders.create(name, config.orElse(null), reader.tokenStoreKind(name), web));
        }
        Map<String, ConnectionConfig> configs = new LinkedHashMap<>();
        for (Map.Entry<String, ConnectionHolder> e : app.connections.entrySet()) { // loops, not lambdas: no lambda classes at boot
            if (e.getValue().config() != null) {
                configs.put(e.getKey(), e.getValue().config());
            }
        }
        app.registry = new ConnectionRegistry(configs, app.runtimes(), web);
        return app;
    }

    /**
     * The application's connections in a container: each with the container's beans (token stores, subject resolver),
     * events (webhooks) and telemetry.
     */
    public static ApplicationConnections read(ConnectionConfigReader reader, Set<String> injected, Set<String> used,
                                              ConfigProblems problems, BeanContainer container, RetryRules retryRules) {
        return read(reader, injected, used, problems, container, retryRules, new WebApplication());
    }

    /**
     * As above, with the application's web flag (a bean of its own, which procore-cdi's servlet initializer marks
     * without creating the connections).
     */
    public static ApplicationConnections read(ConnectionConfigReader reader, Set<String> injected, Set<String> used,
                                              ConfigProblems problems, BeanContainer container, RetryRules retryRules,
                                              WebApplication web) {
        return read(reader, injected, used, problems, container, retryRules, new DiscoveredBeans(), web);
    }

    /** As above, finding named beans and subject resolvers also among those CDI announced during discovery. */
    static ApplicationConnections read(ConnectionConfigReader reader, Set<String> injected, Set<String> used,
                                       ConfigProblems problems, BeanContainer container, RetryRules retryRules, DiscoveredBeans discovered,
                                       WebApplication web) {
        ApplicationTelemetry found = ApplicationTelemetry.of(container);
        Supplier<Telemetry> telemetry = found != null ? found : () -> Telemetry.NONE;
        ApplicationConnections app = read(reader, injected, used, problems, new CdiHolders(container, discovered, telemetry, retryRules),
                web);
        app.telemetry = found;
        return app;
    }

    /**
     * Called on the thread that starts the application, once its application context is active: looks the
     * connections' telemetry up there (see {@link ApplicationTelemetry}), so that a first token request on a server
     * thread (a readiness check, a timer) records on the application's OpenTelemetry.
     */
    public void applicationStarted() {
        ApplicationTelemetry t = telemetry;
        if (t != null) {
            t.resolveAtStart();
        }
    }

    /** @return the names of the connections, in order */
    public Set<String> names() {
        return Collections.unmodifiableSet(connections.keySet());
    }

    /** @return the problems found so far */
    public ConfigProblems problems() {
        return problems;
    }

    /** @return the holder of a connection (its configuration and runtime) */
    ConnectionHolder holder(String name) {
        ConnectionHolder holder = connections.get(name);
        if (holder == null) {
            throw new IllegalArgumentException("no Procore connection named '" + name + "'");
        }
        return holder;
    }

    /** @return the connection's runtime, created at first use */
    public ConnectionRuntime runtime(String name) {
        return holder(name).runtime();
    }

    /** @return the {@link ProcoreConnection} of a connection */
    public ProcoreConnection connection(String name) {
        return io.github.procorecdi.connection.DefaultProcoreConnection.of(runtime(name));
    }

    /** @return the runtimes of the connections whose configuration is valid (readiness checks, the web flow) */
    public Map<String, Supplier<ConnectionRuntime>> runtimes() {
        Map<String, Supplier<ConnectionRuntime>> runtimes = new LinkedHashMap<>();
        for (Map.Entry<String, ConnectionHolder> e : connections.entrySet()) {
            if (e.getValue().config() != null) {
                runtimes.put(e.getKey(), e.getValue());
            }
        }
        return runtimes;
    }

    /** @return the registry the servlet web flow finds as a bean */
    public ConnectionRegistry registry() {
        return registry;
    }

    /**
     * The deployment-time checks of the token stores: a {@code @Named} store bean exists and is a store, a jdbc store's
     * data source or driver is there, its table fits the database. Problems go to {@link #problems()}.
     */
    public void checkTokenStores() {
        for (ConnectionHolder holder : connections.values()) {
            holder.validateTokenStore(problems);
        }
        for (ConnectionHolder holder : connections.values()) {
            holder.prepareTokenStore(problems);
        }
    }

    /** Logs each valid connection's ready line. */
    public void logReady() {
        for (ConnectionHolder holder : connections.values()) {
            if (holder.config() != null) {
                LOG.log(Level.INFO, "{0} {1}", new Object[] {LogIds.CONNECTION_READY, holder.describe()});
            }
        }
    }

    /** Closes every runtime that was created. */
    public void close() {
        for (ConnectionHolder holder : connections.values()) {
            holder.close();
        }
    }

    /** The container's holders: a named class, not a lambda, so that no lambda class is spun at boot. */
    private static final class CdiHolders implements Holders {
        private final BeanContainer container;
        private final DiscoveredBeans discovered;
        private final Supplier<Telemetry> telemetry;
        private final RetryRules retryRules;

        CdiHolders(BeanContainer container, DiscoveredBeans discovered, Supplier<Telemetry> telemetry, RetryRules retryRules) {
            this.container = container;
            this.discovered = discovered;
            this.telemetry = telemetry;
            this.retryRules = retryRules;
        }

        @Override
        public ConnectionHolder create(String name, ConnectionConfig config, String tokenStoreKind, WebApplication web) {
            return new ConnectionHolder(name, config, tokenStoreKind,
                    new CdiContainerServices.Application(container, discovered, web, telemetry, retryRules));
        }
    }

    /** @return whether a class of an optional integration's API is visible to the extension */
    static boolean visible(String className) {
        try {
            Class.forName(className, false, ApplicationConnections.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "ApplicationConnections" + connections.keySet();
    }
}
