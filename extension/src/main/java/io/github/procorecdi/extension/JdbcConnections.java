package io.github.procorecdi.extension;

import java.sql.DriverManager;
import java.sql.SQLException;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.token.JdbcTokenStore;

/** Where the {@code jdbc} token store gets its connections: {@code jdbc-url} in Java SE, else the JNDI data source. */
final class JdbcConnections {
    private JdbcConnections() {
    }

    static JdbcTokenStore.ConnectionSource of(TokenStoreConfig store) {
        if (store.jdbcUrl() != null) {
            return () -> DriverManager.getConnection(store.jdbcUrl(), store.username(), store.password());
        }
        DataSource dataSource = lookup(store.datasource());
        return dataSource::getConnection;
    }

    static void validate(String connection, TokenStoreConfig store, ConfigProblems problems) {
        if (store.jdbcUrl() != null) {
            try {
                DriverManager.getDriver(store.jdbcUrl());
            } catch (SQLException e) {
                problems.add(ConnectionConfig.key(connection, "token-store.jdbc-url"), "no JDBC driver on the class path accepts '"
                        + store.jdbcUrl() + "'");
            }
            return;
        }
        try {
            lookup(store.datasource());
        } catch (ProcoreException e) {
            problems.add(ConnectionConfig.key(connection, "token-store.datasource"), e.getMessage()
                    + " (in Java SE set token-store.jdbc-url instead)");
        }
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
