package io.github.procorecdi.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The tables of the jdbc store (tokens, webhook deliveries): do their names fit, is one there, and creating it when allowed. */
final class JdbcTables {
    /** What the webhook deliveries table's name adds to the token table's. */
    static final String DELIVERIES_SUFFIX = "_webhooks";

    private JdbcTables() {
    }

    /**
     * Does {@code token-store.table} fit the database? PostgreSQL truncates a longer name silently (so every start after
     * the first fails with "relation already exists"), the others refuse it; the deliveries table,
     * {@code <table>_webhooks}, must fit too.
     *
     * @param table the token table, as configured (optionally schema-qualified)
     * @param c     a connection to the database (its driver may tell a smaller limit than the dialect's)
     * @return what is wrong, starting with the property's short name, or {@code null} if the names fit
     */
    static String nameProblem(String table, SqlDialect dialect, Connection c) throws SQLException {
        int max = dialect.maxNameLength();
        int reported = c.getMetaData().getMaxTableNameLength();
        if (reported > 0 && reported < max) {
            max = reported;
        }
        int dot = table.indexOf('.');
        String name = dot < 0 ? table : table.substring(dot + 1);
        if (dot > 0 && bytes(table.substring(0, dot)) > max) {
            return "token-store.table: the schema of '" + table + "' has " + bytes(table.substring(0, dot)) + " bytes; "
                    + dialect.displayName() + " allows at most " + max;
        }
        int longest = bytes(name + DELIVERIES_SUFFIX);
        if (longest > max) {
            return "token-store.table: '" + name + "' has " + bytes(name) + " bytes; " + dialect.displayName()
                    + " allows table names of at most " + max + " bytes, and the webhook deliveries table beside it, '" + name
                    + DELIVERIES_SUFFIX + "', has " + longest + ": use a name of at most " + (max - DELIVERIES_SUFFIX.length())
                    + " bytes";
        }
        return null;
    }

    private static int bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /**
     * Creates {@code table} with {@code ddl} unless it exists; a concurrent creation by another node is no failure.
     *
     * @param allowed whether DDL may run ({@code token-store.create-table}); when not, a missing table fails with its DDL
     * @return whether this call created it (the caller logs that)
     */
    static boolean createIfMissing(Connection c, String table, String ddl, boolean allowed) throws SQLException {
        if (exists(c, table)) {
            return false;
        }
        if (!allowed) {
            throw new SQLException("table " + table + " does not exist and token-store.create-table is false; create it with: " + ddl);
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate(ddl);
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return true;
        } catch (SQLException e) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            if (!exists(c, table)) { // not a concurrent creation by another node
                throw e;
            }
            return false;
        }
    }

    /** @return whether {@code table} (optionally schema-qualified) exists, asking the catalog (a failing probe query would make some
     *         drivers log a warning), as written, lower- and upper-case */
    static boolean exists(Connection c, String table) throws SQLException {
        int dot = table.indexOf('.');
        String schema = dot < 0 ? currentSchema(c) : table.substring(0, dot);
        String name = dot < 0 ? table : table.substring(dot + 1);
        java.sql.DatabaseMetaData meta = c.getMetaData();
        for (String n : new String[] {name, name.toLowerCase(java.util.Locale.ROOT), name.toUpperCase(java.util.Locale.ROOT)}) {
            String sc = schema == null ? null
                    : n.equals(name) ? schema : n.equals(name.toLowerCase(java.util.Locale.ROOT))
                    ? schema.toLowerCase(java.util.Locale.ROOT) : schema.toUpperCase(java.util.Locale.ROOT);
            try (ResultSet r = meta.getTables(c.getCatalog(), sc, n, null)) {
                if (r.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String currentSchema(Connection c) {
        try {
            return c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

}
