package io.github.procorecdi.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Logger;

import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.webhooks.Deliveries;

/**
 * Webhook deliveries shared by every node through a table beside the tokens ({@code <token-store.table>_webhooks}):
 * a delivery is claimed by one INSERT (the primary key decides between nodes), marked accepted after its synchronous
 * observers succeed, and deleted when they fail, so that Procore's redelivery, whichever node it reaches, fires once.
 * Leases and windows use the database's clock, like the token claims.
 */
public final class JdbcDeliveries implements Deliveries {
    private static final Logger LOG = Logger.getLogger(JdbcDeliveries.class.getName());
    private static final int CLAIMED = 0;
    private static final int ACCEPTED = 1;

    private final JdbcConnections connections;
    private final String table;
    private final boolean createTable;
    private volatile SqlDialect dialect;

    JdbcDeliveries(JdbcConnections connections, String table, boolean createTable) {
        this.connections = connections;
        this.table = table;
        this.createTable = createTable;
    }

    /** @return the deliveries table of a jdbc token store's settings */
    public static JdbcDeliveries of(TokenStoreConfig store) {
        return of(JdbcStores.connections(store), store);
    }

    /** @return the deliveries table of a jdbc token store's settings, on the store's connections */
    public static JdbcDeliveries of(JdbcConnections connections, TokenStoreConfig store) {
        return new JdbcDeliveries(connections, store.table() + JdbcTables.DELIVERIES_SUFFIX, store.createTable());
    }

    @Override
    public Claim claim(String key) {
        return run(c -> {
            SqlDialect d = dialect(c);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (delivery_key, state, until_ms) VALUES (?, "
                    + CLAIMED + ", " + d.nowMillis() + " + ?)")) {
                s.setString(1, key);
                s.setLong(2, CLAIM_LEASE.toMillis());
                s.executeUpdate();
                return Claim.CLAIMED;
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                    throw e;
                }
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            }
            // the key is there: take it over if its claim lapsed or its window passed, else report what it is
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET state = " + CLAIMED + ", until_ms = "
                    + d.nowMillis() + " + ? WHERE delivery_key = ? AND until_ms < " + d.nowMillis())) {
                s.setLong(1, CLAIM_LEASE.toMillis());
                s.setString(2, key);
                if (s.executeUpdate() == 1) {
                    return Claim.CLAIMED;
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT state FROM " + table + " WHERE delivery_key = ?")) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    return !r.next() ? Claim.IN_PROGRESS : r.getInt(1) == ACCEPTED ? Claim.ACCEPTED : Claim.IN_PROGRESS;
                }
            }
        });
    }

    @Override
    public void accepted(String key) {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET state = " + ACCEPTED + ", until_ms = "
                    + dialect(c).nowMillis() + " + ? WHERE delivery_key = ?")) {
                s.setLong(1, WINDOW.toMillis());
                s.setString(2, key);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE until_ms < " + dialect(c).nowMillis()
                    + " - ?")) {
                s.setLong(1, WINDOW.toMillis()); // rows whose window passed long ago
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void release(String key) {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE delivery_key = ? AND state = " + CLAIMED)) {
                s.setString(1, key);
                s.executeUpdate();
            }
            return null;
        });
    }

    public void close() {
        connections.close();
    }

    private <T> T run(JdbcConnections.Work<T> work) {
        return connections.run("webhook deliveries table " + table, work);
    }

    private SqlDialect dialect(Connection c) throws SQLException {
        SqlDialect d = dialect;
        if (d != null) {
            return d;
        }
        synchronized (this) {
            if (dialect == null) {
                SqlDialect found = SqlDialect.of(c);
                String badName = JdbcTables.nameProblem(table.substring(0, table.length() - JdbcTables.DELIVERIES_SUFFIX.length()),
                        found, c);
                if (badName != null) {
                    throw new ProcoreException(badName);
                }
                if (JdbcTables.createIfMissing(c, table, found.createDeliveriesTable(table), createTable)) {
                    LOG.info(() -> "procore-cdi created webhook deliveries table " + table + " (" + found + ")");
                }
                dialect = found;
            }
            return dialect;
        }
    }
}
