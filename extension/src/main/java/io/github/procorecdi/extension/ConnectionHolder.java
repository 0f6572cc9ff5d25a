package io.github.procorecdi.extension;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcoreSubjectResolver;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.config.ConfigKey;
import io.github.procorecdi.config.ConfigProblems;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.connection.ConnectionRuntime;
import io.github.procorecdi.store.jdbc.JdbcConnections;
import io.github.procorecdi.store.jdbc.JdbcStores;

import jakarta.enterprise.inject.spi.Bean;

/**
 * One connection of the application: its configuration and, from first use on, its runtime. The only
 * CDI knowledge the runtime gets is handed over here, as {@link CdiContainerServices}: the
 * application's {@code @Named} token store beans, its {@link ProcoreSubjectResolver}, where webhook events go, its
 * telemetry, its Fault Tolerance and its web flag.
 */
final class ConnectionHolder implements java.util.function.Supplier<ConnectionRuntime> {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ConnectionHolder.class.getName());
    private final String name;
    private final ConnectionConfig config;
    private final String tokenStoreKind;
    private final CdiContainerServices.Application application;
    private volatile ConnectionRuntime runtime;
    /** A jdbc store's connections, resolved at deployment. */
    private volatile JdbcConnections jdbc;

    ConnectionHolder(String name, ConnectionConfig config, String tokenStoreKind, CdiContainerServices.Application application) {
        this.name = name;
        this.config = config;
        this.tokenStoreKind = tokenStoreKind;
        this.application = application;
    }

    /** @return the validated configuration, or {@code null} if it was invalid (deployment then fails) */
    ConnectionConfig config() {
        return config;
    }

    /** @return the connection's runtime, created at first use (the holder is the registry's and readiness's supplier) */
    @Override
    public ConnectionRuntime get() {
        return runtime();
    }

    /** @return the connection's runtime, created at first use */
    ConnectionRuntime runtime() {
        ConnectionRuntime r = runtime;
        if (r == null) {
            synchronized (this) {
                r = runtime;
                if (r == null) {
                    if (config == null) {
                        throw new ProcoreException("Procore connection '" + name + "' has invalid configuration");
                    }
                    r = new ConnectionRuntime(config, new CdiContainerServices(name, application, this::jdbcConnections),
                            Clock.systemUTC());
                    runtime = r;
                }
            }
        }
        return r;
    }

    void validateTokenStore(ConfigProblems problems) {
        if (config != null && TokenStoreConfig.JDBC.equals(config.tokenStore().kind())) { // JdbcStores is not loaded otherwise
            List<String> storeProblems = JdbcStores.problems(name, config.tokenStore());
            if (storeProblems.isEmpty() || !namesDataSource(config.tokenStore())) {
                for (String problem : storeProblems) { // a loop, not a method reference: no lambda class at boot
                    problems.add(problem);
                }
            } else if (dataSourceBean(config.tokenStore()) == null) {
                problems.add(ConfigKey.TOKEN_STORE_DATASOURCE.of(name), DataSourceBeans.notFound(config.tokenStore().datasource())
                        + " (in Java SE set " + ConfigKey.TOKEN_STORE_JDBC_URL.of(name) + " instead)");
            }
        }
        if (!TokenStoreConfig.isBean(tokenStoreKind)) {
            return;
        }
        Set<Bean<?>> beans = application.discovered().named(application.beans(), tokenStoreKind);
        String property = ConfigKey.TOKEN_STORE.of(name);
        if (beans.isEmpty()) {
            problems.add(property, "'" + tokenStoreKind + "' is neither memory, file nor jdbc, and no bean is @Named(\"" + tokenStoreKind + "\")");
        } else if (beans.stream().noneMatch(b -> b.getTypes().contains(TokenStore.class))) {
            problems.add(property, "the bean @Named(\"" + tokenStoreKind + "\") does not implement " + TokenStore.class.getName());
        }
    }

    /**
     * Resolves a {@code jdbc} store's connections once, on the deployment's thread (its {@code java:comp} names and the
     * server's transaction manager are reachable there, not on the server threads that run readiness checks), and checks
     * that {@code token-store.table} fits the database when it answers (else that is checked at first use).
     */
    void prepareTokenStore(ConfigProblems problems) {
        if (config == null || !TokenStoreConfig.JDBC.equals(config.tokenStore().kind())) {
            return;
        }
        JdbcConnections connections;
        try {
            connections = JdbcStores.connections(config.tokenStore());
        } catch (ProcoreException e) {
            DataSource bean = dataSourceBean(config.tokenStore());
            if (bean == null) {
                return; // reported by validateTokenStore
            }
            connections = JdbcConnections.of(bean, DataSourceBeans.transactionManager(application.beans()));
        }
        jdbc = connections;
        try {
            String problem = JdbcStores.tableProblem(connections, config.tokenStore().table());
            if (problem != null) {
                problems.add(ConfigKey.TOKEN_STORE_TABLE.of(name), problem.substring(problem.indexOf(':') + 1).trim());
            }
        } catch (ProcoreException e) {
            LOG.info(() -> "procore-cdi: Procore connection '" + name + "': the token store's database does not answer at "
                    + "deployment (" + e.getMessage() + "); its table is checked at first use");
        }
    }

    /** @return whether a jdbc store is given by {@code token-store.datasource} (not {@code jdbc-url}) */
    private static boolean namesDataSource(TokenStoreConfig store) {
        return TokenStoreConfig.JDBC.equals(store.kind()) && store.jdbcUrl() == null;
    }

    /** @return the data source bean {@code token-store.datasource} names, where JNDI has none (Quarkus' Agroal) */
    private DataSource dataSourceBean(TokenStoreConfig store) {
        return DataSourceBeans.find(application.beans(), store.datasource());
    }

    private JdbcConnections jdbcConnections(TokenStoreConfig store) {
        JdbcConnections resolved = jdbc;
        return resolved != null ? resolved : JdbcStores.connections(store);
    }

    /** @return the INFO line of a connection at start: name, grant, environment, store; no secret (builds no runtime) */
    String describe() {
        String env = config.environment() != null ? config.environment().value() : "custom (" + config.loginUrl() + ")";
        JdbcConnections connections = jdbc;
        return "Procore connection '" + name + "' ready: grant " + config.grantType().value() + ", environment " + env
                + ", token store " + config.tokenStore().kind() + (connections != null ? " (" + connections + ")" : "");
    }

    /** Closes the runtime, if one was ever created, and the idle connections of the deployment's table check. */
    void close() {
        ConnectionRuntime r = runtime;
        if (r != null) {
            r.close();
        }
        JdbcConnections connections = jdbc;
        if (connections != null) {
            connections.close();
        }
    }

    @Override
    public String toString() {
        return "ConnectionHolder[" + (config != null ? config : name) + "]";
    }
}
