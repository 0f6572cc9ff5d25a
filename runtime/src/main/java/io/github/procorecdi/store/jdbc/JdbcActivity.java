package io.github.procorecdi.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.health.ActivityRow;
import io.github.procorecdi.health.ActivitySource;
import io.github.procorecdi.health.ConnectionActivity;
import io.github.procorecdi.internal.LogIds;
import io.github.procorecdi.internal.RuntimeThreads;

/**
 * A connection's API call counts shared by every node through a table beside the tokens
 * ({@code <token-store.table>_activity}): every {@code health.activity-interval} (a minute by default) each node adds what
 * it counted since its last write, one
 * UPDATE (or INSERT, for a new row) per changed row, stamped with the database's clock; rows not written for 40 days
 * are deleted. Reading gives the table's rows plus this node's counts not yet written, so a node's own calls show at
 * once and every node's within that interval. Nothing runs on a call's path or in a caller's transaction.
 */
public final class JdbcActivity implements ActivitySource, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JdbcActivity.class.getName());
    private static final long KEEP_MILLIS = 40L * 86_400_000L;
    /** Days of counts written (the report's 30 and the day that may just have begun). */
    private static final int DAYS_KEPT = 31;
    static final int COMPANY_CHARS = 30;
    static final int ROUTE_CHARS = 400;
    static final int METHOD_CHARS = 12;

    private final java.util.function.Supplier<JdbcConnections> connectionsFactory;
    private final boolean ownsConnections;
    private JdbcConnections connections;
    private final String table;
    private final boolean createTable;
    private final String storeKey;
    private final ConnectionActivity local;
    private long lastPruneMillis;
    /** What this node has written of each row (guarded by {@code this}). */
    private final Map<Row, Long> written = new HashMap<>();
    private volatile SqlDialect dialect;
    private volatile Future<?> schedule;
    private volatile boolean failing;

    /** The primary key of a row, without the store key. */
    private record Row(long day, String company, String method, String route, int status, int marks) {
    }

    /** @param connections the database's connections, created at the first write or read (a JNDI lookup, in a server) */
    JdbcActivity(java.util.function.Supplier<JdbcConnections> connections, boolean ownsConnections, String table, boolean createTable,
                 String storeKey, ConnectionActivity local) {
        this.connectionsFactory = connections;
        this.ownsConnections = ownsConnections;
        this.table = table;
        this.createTable = createTable;
        this.storeKey = storeKey;
        this.local = local;
    }

    /** @return the activity table of a jdbc token store's settings, for the connection stored under {@code storeKey} */
    public static JdbcActivity of(TokenStoreConfig store, String storeKey, ConnectionActivity local) {
        return new JdbcActivity(() -> JdbcStores.connections(store), true, store.table() + "_activity", store.createTable(),
                storeKey, local);
    }

    /**
     * @param shared the connections the connection's token store uses (asked at the first write or read; not closed here)
     * @return the activity table of a jdbc token store's settings, over {@code shared}
     */
    public static JdbcActivity of(java.util.function.Supplier<JdbcConnections> shared, TokenStoreConfig store, String storeKey,
                                  ConnectionActivity local) {
        return new JdbcActivity(shared, false, store.table() + "_activity", store.createTable(), storeKey, local);
    }

    /**
     * Starts writing every {@code interval} (the writes run on a pool thread, never on the timer).
     *
     * @param threads the connection's threads (stopped when it closes)
     * @param interval {@code health.activity-interval}
     */
    public JdbcActivity start(RuntimeThreads threads, java.time.Duration interval) {
        ExecutorService writers = threads.pool("activity");
        schedule = threads.timer().scheduleWithFixedDelay(() -> {
            try {
                writers.execute(this::flushQuietly);
            } catch (RejectedExecutionException e) {
                // shutting down
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void flushQuietly() {
        try {
            flush();
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "{0} procore-cdi writes its API call counts to {1} again", new Object[] {LogIds.ACTIVITY_WRITE_FAILED, table});
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "{0} procore-cdi could not write its API call counts to {1} (retried every health.activity-interval; the "
                        + "integration health of this node stays exact, other nodes miss its latest counts meanwhile): {2}",
                        new Object[] {LogIds.ACTIVITY_WRITE_FAILED, table, e.getMessage()});
            }
        }
    }

    /** Adds what this node counted since its last write to the table (one statement per changed row). */
    public synchronized void flush() {
        long today = local.clock().today();
        Map<Row, Long> current = current(today - DAYS_KEPT, today);
        boolean wrote = false;
        for (Map.Entry<Row, Long> e : current.entrySet()) {
            long delta = e.getValue() - written.getOrDefault(e.getKey(), 0L);
            if (delta > 0) {
                wrote = true;
                Row row = e.getKey();
                run(c -> {
                    add(c, row, delta);
                    return null;
                });
                written.put(row, e.getValue());
            }
        }
        written.keySet().removeIf(r -> r.day() < today - DAYS_KEPT);
        long now = local.clock().clock().millis();
        if (!wrote || now - lastPruneMillis < 3_600_000L) {
            return; // old rows go at most once an hour, and only from a node that writes
        }
        lastPruneMillis = now;
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE store_key = ? AND updated_ms < "
                    + dialect(c).nowMillis() + " - ?")) {
                s.setString(1, storeKey);
                s.setLong(2, KEEP_MILLIS);
                s.executeUpdate();
            }
            return null;
        });
    }

    private Map<Row, Long> current(long from, long to) {
        Map<Row, Long> current = new HashMap<>();
        local.forEachRow(from, to, (company, r) -> current.merge(new Row(r.day(), cut(company, COMPANY_CHARS),
                cut(r.method(), METHOD_CHARS), cut(r.route(), ROUTE_CHARS), r.status(), r.marks()), r.count(), Long::sum));
        return current;
    }

    private void add(Connection c, Row row, long delta) throws SQLException {
        SqlDialect d = dialect(c);
        for (int attempt = 0; attempt < 2; attempt++) {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET calls = calls + ?, updated_ms = " + d.nowMillis()
                    + " WHERE store_key = ? AND day_utc = ? AND company = ? AND method = ? AND route = ? AND status = ? AND marks = ?")) {
                s.setLong(1, delta);
                key(s, 2, row);
                if (s.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table
                    + " (store_key, day_utc, company, method, route, status, marks, calls, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                    + d.nowMillis() + ")")) {
                key(s, 1, row);
                s.setLong(8, delta);
                s.executeUpdate();
                return;
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23") || attempt > 0) {
                    throw e;
                }
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                // another node inserted the row meanwhile: add to it
            }
        }
    }

    private void key(PreparedStatement s, int first, Row row) throws SQLException {
        s.setString(first, storeKey);
        s.setLong(first + 1, row.day());
        s.setString(first + 2, row.company());
        s.setString(first + 3, row.method());
        s.setString(first + 4, row.route());
        s.setInt(first + 5, row.status());
        s.setInt(first + 6, row.marks());
    }

    @Override
    public synchronized List<ActivityRow> rows(String company, long from, long to) {
        List<ActivityRow> rows = new ArrayList<>();
        run(c -> {
            dialect(c);
            try (PreparedStatement s = c.prepareStatement("SELECT day_utc, status, method, route, marks, calls FROM " + table
                    + " WHERE store_key = ? AND day_utc >= ? AND day_utc <= ?" + (company == null ? "" : " AND company = ?"))) {
                s.setString(1, storeKey);
                s.setLong(2, from);
                s.setLong(3, to);
                if (company != null) {
                    s.setString(4, cut(company, COMPANY_CHARS));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(new ActivityRow(r.getLong(1), r.getInt(2), r.getString(3), r.getString(4), r.getInt(5), r.getLong(6)));
                    }
                }
            }
            return null;
        });
        current(from, to).forEach((row, count) -> {
            long unwritten = count - written.getOrDefault(row, 0L);
            if (unwritten > 0 && (company == null || company.equals(row.company()))) {
                rows.add(new ActivityRow(row.day(), row.status(), row.method(), row.route(), row.marks(), unwritten));
            }
        });
        return rows;
    }

    /** Stops the periodic writes, writes what is left, and closes the idle connections. */
    @Override
    public void close() {
        Future<?> s = schedule;
        if (s != null) {
            s.cancel(false);
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "procore-cdi: last write of API call counts failed", e);
        }
        JdbcConnections c;
        synchronized (this) {
            c = connections;
        }
        if (c != null && ownsConnections) {
            c.close();
        }
    }

    private synchronized JdbcConnections connections() {
        if (connections == null) {
            connections = connectionsFactory.get();
        }
        return connections;
    }

    private <T> T run(JdbcConnections.Work<T> work) {
        return connections().run("activity table " + table, work);
    }

    private SqlDialect dialect(Connection c) throws SQLException {
        SqlDialect d = dialect;
        if (d != null) {
            return d;
        }
        synchronized (this) {
            if (dialect == null) {
                SqlDialect found = SqlDialect.of(c);
                if (JdbcTables.createIfMissing(c, table, createTable(found, table), createTable)) {
                    LOG.info(() -> "procore-cdi created API call activity table " + table + " (" + found + ")");
                }
                dialect = found;
            }
            return dialect;
        }
    }

    /** @return the {@code CREATE TABLE} statement of the activity table (docs/token-stores.md prints it per database) */
    public static String createTable(SqlDialect dialect, String table) {
        String varchar = switch (dialect) {
            case ORACLE -> "VARCHAR2";
            case SQLSERVER -> "NVARCHAR";
            default -> "VARCHAR";
        };
        String bigint = dialect == SqlDialect.ORACLE ? "NUMBER(19)" : "BIGINT";
        return "CREATE TABLE " + table + " ("
                + "store_key " + varchar + "(200) NOT NULL, "
                + "day_utc " + bigint + " NOT NULL, "
                + "company " + varchar + "(" + COMPANY_CHARS + ") NOT NULL, "
                + "method " + varchar + "(" + METHOD_CHARS + ") NOT NULL, "
                + "route " + varchar + "(" + ROUTE_CHARS + ") NOT NULL, "
                + "status " + bigint + " NOT NULL, "
                + "marks " + bigint + " NOT NULL, "
                + "calls " + bigint + " NOT NULL, "
                + "updated_ms " + bigint + " NOT NULL, "
                + "PRIMARY KEY (store_key, day_utc, company, method, route, status, marks))";
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    @Override
    public String toString() {
        return "JdbcActivity[" + table + "]";
    }
}
