package io.github.procorecdi.store.jdbc;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.config.ConfigKey;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.internal.JdbcUrls;

/**
 * The settings of a {@code jdbc} token store turned into database access: its connections (a {@code jdbc-url} or a bound data
 * source), and the checks that can be made before first use.
 */
public final class JdbcStores {
    private JdbcStores() {
    }

    /**
     * Checks what can be checked before first use: a driver for {@code jdbc-url}, or a bound data source.
     *
     * @return problems as {@code property: what is wrong}, empty if none
     */
    public static List<String> problems(String connection, TokenStoreConfig store) {
        List<String> problems = new ArrayList<>();
        if (!TokenStoreConfig.JDBC.equals(store.kind())) {
            return problems;
        }
        if (store.jdbcUrl() != null) {
            try {
                DriverManager.getDriver(store.jdbcUrl());
            } catch (SQLException e) {
                problems.add(ConfigKey.TOKEN_STORE_JDBC_URL.of(connection) + ": no JDBC driver on the class path accepts '"
                        + JdbcUrls.mask(store.jdbcUrl()) + "'");
            }
            return problems;
        }
        try {
            lookup(store.datasource());
        } catch (ProcoreException e) {
            problems.add(ConfigKey.TOKEN_STORE_DATASOURCE.of(connection) + ": " + e.getMessage() + " (in Java SE set "
                    + ConfigKey.TOKEN_STORE_JDBC_URL.of(connection) + " instead)");
        }
        return problems;
    }

    /**
     * Does {@code token-store.table} fit the database behind {@code connections} (its length, and that of the webhook
     * deliveries table beside it)? Asks the database: call it where it should be reachable (at deployment).
     *
     * @return what is wrong, starting with {@code token-store.table:}, or {@code null} if the names fit or the database is
     *         not one the store supports (that is reported at first use)
     * @throws ProcoreException if the database cannot be reached
     */
    public static String tableProblem(JdbcConnections connections, String table) {
        return connections.run("token store", c -> {
            SqlDialect dialect = SqlDialect.of(c.getMetaData().getDatabaseProductName());
            return dialect == null ? null : JdbcTables.nameProblem(table, dialect, c);
        });
    }

    /**
     * The connections of a {@code jdbc} store: reused ones to {@code jdbc-url}, else the data source bound to
     * {@code datasource}, looked up now (a {@code java:comp} name needs an application thread: create them at deployment
     * or on a request, never on a server thread such as a readiness check's).
     */
    public static JdbcConnections connections(TokenStoreConfig store) {
        if (store.jdbcUrl() != null) {
            return JdbcConnections.of(store.jdbcUrl(), store.username(), store.password());
        }
        return JdbcConnections.of(lookup(store.datasource()));
    }

    private static DataSource lookup(String name) {
        try {
            Object found = new InitialContext().lookup(name);
            if (found instanceof DataSource ds) {
                return ds;
            }
            throw new ProcoreException("'" + name + "' is not a javax.sql.DataSource");
        } catch (NamingException e) {
            throw new ProcoreException("no data source is bound to '" + name + "' (" + e.getClass().getSimpleName() + ")");
        } catch (LinkageError e) {
            throw new ProcoreException("JNDI is not available to look up '" + name + "'");
        }
    }
}
