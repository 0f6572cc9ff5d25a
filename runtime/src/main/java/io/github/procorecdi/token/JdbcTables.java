package io.github.procorecdi.token;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The tables of the jdbc store (tokens, webhook deliveries): is one there, and creating it when allowed. */
final class JdbcTables {
    private JdbcTables() {
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
