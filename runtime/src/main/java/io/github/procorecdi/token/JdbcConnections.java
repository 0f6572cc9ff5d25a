package io.github.procorecdi.token;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * Where the {@code jdbc} store gets its connections: a server's {@code DataSource} (pooled by the
 * server), or a JDBC URL in Java SE, whose connections are kept open and reused (at most
 * {@link #MAX_IDLE} idle ones), so a renewal does not pay for new database sessions. A connection that
 * failed is closed, never reused; one idle for a while is checked before reuse.
 */
public final class JdbcConnections {
    static final int MAX_IDLE = 4;
    private static final long CHECK_AFTER_IDLE_NANOS = 5_000_000_000L;
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)((?:password|passwd|pwd|secret|token)[^=;&]*=)[^;&]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*:[^/@?;]*@");

    private final DataSource dataSource;
    private final String url;
    private final String username;
    private final String password;
    private final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();

    private JdbcConnections(DataSource dataSource, String url, String username, String password) {
        this.dataSource = dataSource;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** @return connections from a server's data source (pooled by the server) */
    public static JdbcConnections of(DataSource dataSource) {
        return new JdbcConnections(dataSource, null, null, null);
    }

    /** @return reused connections to {@code url} (Java SE) */
    public static JdbcConnections of(String url, String username, String password) {
        return new JdbcConnections(null, url, username, password);
    }

    Connection get() throws SQLException {
        if (dataSource != null) {
            return dataSource.getConnection();
        }
        Idle i;
        while ((i = idle.pollFirst()) != null) {
            if (System.nanoTime() - i.since < CHECK_AFTER_IDLE_NANOS || valid(i.connection)) {
                return i.connection;
            }
            closeQuietly(i.connection);
        }
        return DriverManager.getConnection(url, username, password);
    }

    /** Work on one connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection, committing it when the connection is not in auto-commit mode (a server's
     * data source may hand out such connections) and rolling back on failure; the connection is given back either way.
     */
    <T> T inTransaction(Work<T> work) throws SQLException {
        Connection c = null;
        boolean healthy = false;
        try {
            c = get();
            T result;
            if (!c.getAutoCommit()) {
                try {
                    result = work.run(c);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } else {
                result = work.run(c);
            }
            healthy = true;
            return result;
        } finally {
            release(c, healthy);
        }
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

    /** Closes the idle connections. */
    public void close() {
        Idle i;
        while ((i = idle.pollFirst()) != null) {
            closeQuietly(i.connection);
        }
    }

    /** @return {@code text} with passwords and other secrets of JDBC URLs replaced by {@code ****} */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = SECRET_PARAM.matcher(text).replaceAll("$1****");
        return USER_INFO.matcher(masked).replaceAll("//****@");
    }

    private static boolean valid(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // already broken
        }
    }

    private record Idle(Connection connection, long since) {
    }

    @Override
    public String toString() {
        return dataSource != null ? "data source" : "url=" + mask(url);
    }
}
