package io.github.procorecdi.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;

import javax.sql.DataSource;

import io.github.procorecdi.internal.JdbcUrls;

/**
 * Where the {@code jdbc} store gets its connections: a server's {@code DataSource} (pooled by the
 * server), or a JDBC URL in Java SE, whose connections are kept open and reused (at most
 * {@link #MAX_IDLE} idle ones), so a renewal does not pay for new database sessions. A connection that
 * failed is closed, never reused; one idle for a while is checked before reuse. A reused connection that
 * fails and then turns out dead (the database restarted, a firewall dropped it) costs no failure: the idle
 * ones are dropped and the work runs again once on a new connection.
 * <p>
 * Store work never joins the caller's transaction: with a server's data source, {@link CallerTransactions} steps out
 * of the caller's JTA transaction around it (see {@link JtaCallerTransactions}), so the store commits its own work
 * whether it is called from a servlet, a {@code @Transactional} bean or an EJB.
 */
public final class JdbcConnections {
    static final int MAX_IDLE = 4;
    private static final long CHECK_AFTER_IDLE_NANOS = 5_000_000_000L;

    private final DataSource dataSource;
    private final CallerTransactions callers;
    private final String url;
    private final String username;
    private final String password;
    private final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();

    private JdbcConnections(DataSource dataSource, CallerTransactions callers, String url, String username, String password) {
        this.dataSource = dataSource;
        this.callers = callers;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /**
     * Connections from a server's data source (pooled by the server). Call it on an application thread (at deployment):
     * it also finds, once, how store work steps out of a caller's JTA transaction on this server.
     *
     * @return connections from a server's data source
     */
    public static JdbcConnections of(DataSource dataSource) {
        return of(dataSource, CallerTransactions.find());
    }

    /**
     * Connections from a data source bean of the container (Quarkus' Agroal), whose transaction manager may be a bean too.
     *
     * @param transactionManagerBean the container's {@code jakarta.transaction.TransactionManager} bean, or {@code null}
     *                               (typed {@code Object}: the JTA API is optional)
     */
    public static JdbcConnections of(DataSource dataSource, Object transactionManagerBean) {
        return of(dataSource, CallerTransactions.find(transactionManagerBean));
    }

    /** @return connections from a data source, leaving callers' transactions as {@code callers} says */
    static JdbcConnections of(DataSource dataSource, CallerTransactions callers) {
        return new JdbcConnections(dataSource, callers, null, null, null);
    }

    /** @return reused connections to {@code url} (Java SE) */
    public static JdbcConnections of(String url, String username, String password) {
        return new JdbcConnections(null, CallerTransactions.NONE, url, username, password);
    }

    /** @return how store work leaves a caller's transaction (for the deployment's log line) */
    CallerTransactions callers() {
        return callers;
    }

    /** A connection and whether it was used before (a server's pool or this class's idle ones). */
    private record Taken(Connection connection, boolean reused) {
    }

    private Taken take() throws SQLException {
        if (dataSource != null) {
            return new Taken(dataSource.getConnection(), true);
        }
        Idle i;
        while ((i = idle.pollFirst()) != null) {
            if (System.nanoTime() - i.since < CHECK_AFTER_IDLE_NANOS || valid(i.connection)) {
                return new Taken(i.connection, true);
            }
            closeQuietly(i.connection);
        }
        return new Taken(open(), false);
    }

    private Connection open() throws SQLException {
        return dataSource != null ? dataSource.getConnection() : DriverManager.getConnection(url, username, password);
    }

    /** Work on one connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * {@link #inTransaction}, a failure thrown as a {@link io.github.procorecdi.ProcoreException} that names {@code what}
     * (e.g. {@code "token store table procore_tokens"}), the SQL exception's type, its message with credentials masked,
     * and its SQLState.
     */
    <T> T run(String what, Work<T> work) {
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw new io.github.procorecdi.ProcoreException(what + ": " + e.getClass().getSimpleName() + ": "
                    + mask(String.valueOf(e.getMessage())) + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /**
     * Runs {@code work} on a connection, outside any transaction of the caller, committing it when the connection is not
     * in auto-commit mode (a server's data source may hand out such connections) and rolling back on failure; the
     * connection is given back either way. When a reused connection fails and is found dead afterwards, the work runs
     * once more on a new one (the other idle connections are dropped: they are as old).
     */
    <T> T inTransaction(Work<T> work) throws SQLException {
        return callers.outside(() -> attempt(work));
    }

    private <T> T attempt(Work<T> work) throws SQLException {
        Taken taken = take();
        try {
            return runOn(taken.connection(), work);
        } catch (SQLException | RuntimeException e) {
            if (!taken.reused() || valid(taken.connection())) {
                release(taken.connection(), false);
                throw e;
            }
            release(taken.connection(), false);
            dropIdle();
            Connection fresh = open();
            try {
                return runOn(fresh, work);
            } catch (SQLException | RuntimeException again) {
                release(fresh, false);
                again.addSuppressed(e);
                throw again;
            }
        }
    }

    /** Runs the work and gives the connection back as healthy; on failure the caller releases it. */
    private <T> T runOn(Connection c, Work<T> work) throws SQLException {
        T result;
        if (!c.getAutoCommit()) {
            try {
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } else {
            result = work.run(c);
        }
        release(c, true);
        return result;
    }

    /** Gives a connection back: reused if it worked and a slot is free, else closed. */
    void release(Connection c, boolean healthy) {
        if (c == null) {
            return;
        }
        if (dataSource == null && healthy && idle.size() < MAX_IDLE) {
            idle.offerFirst(new Idle(c, System.nanoTime()));
            return;
        }
        closeQuietly(c);
    }

    /**
     * Closes the idle connections and stops the threads that ran store work outside callers' transactions (see
     * {@link JtaCallerTransactions}); work after that still runs, except inside a caller's transaction where it needs
     * such a thread.
     */
    public void close() {
        dropIdle();
        callers.close();
    }

    private void dropIdle() {
        Idle i;
        while ((i = idle.pollFirst()) != null) {
            closeQuietly(i.connection);
        }
    }

    /**
     * @return {@code text} with passwords and other secrets of JDBC URLs replaced by {@code ****}: every form the documented
     *         databases accept ({@link JdbcUrls#mask}), also in a driver's error message that quotes the URL
     */
    public static String mask(String text) {
        return JdbcUrls.mask(text);
    }

    private static boolean valid(Connection c) {
        try {
            return !c.isClosed() && c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            // the connection is broken: it is closed by release(c, false)
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            // already broken
        }
    }

    private record Idle(Connection connection, long since) {
    }

    @Override
    public String toString() {
        return dataSource != null ? "data source, " + callers : "url=" + mask(url);
    }
}
