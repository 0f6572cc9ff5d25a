package io.github.procorecdi.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What differs between databases for the {@code jdbc} store: the type of the long token columns (Procore's
 * access tokens are JWTs; sealed, an 8 KB token takes about 11 KB), and how the database tells the time, which
 * decides refresh-claim leases so that a node with a skewed clock cannot take another node's claim.
 */
public enum SqlDialect {
    POSTGRESQL("PostgreSQL", 63, "TEXT", "VARCHAR", "BIGINT", "CAST(EXTRACT(EPOCH FROM CLOCK_TIMESTAMP()) * 1000 AS BIGINT)"),
    /**
     * UTC_TIMESTAMP is UTC whatever the session's time zone, and TIMESTAMPDIFF between two DATETIMEs is plain arithmetic:
     * no conversion through the session's time zone (UNIX_TIMESTAMP(CURRENT_TIMESTAMP) is ambiguous in the hour a
     * daylight-saving zone repeats in autumn, and an hour off there).
     */
    MARIADB("MariaDB/MySQL", 64, "MEDIUMTEXT", "VARCHAR", "BIGINT",
            "(TIMESTAMPDIFF(MICROSECOND, TIMESTAMP '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000)"),
    H2("H2", 256, "CLOB", "VARCHAR", "BIGINT",
            "DATEDIFF(MILLISECOND, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', CURRENT_TIMESTAMP)"),
    ORACLE("Oracle", 128, "CLOB", "VARCHAR2", "NUMBER(19)",
            "ROUND((CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) - DATE '1970-01-01') * 86400000)"),
    SQLSERVER("SQL Server", 128, "NVARCHAR(MAX)", "NVARCHAR", "BIGINT", "DATEDIFF_BIG(MILLISECOND, '1970-01-01', SYSUTCDATETIME())");

    private final String displayName;
    private final int maxNameLength;
    private final String longText;
    private final String varchar;
    private final String bigint;
    private final String nowMillis;

    SqlDialect(String displayName, int maxNameLength, String longText, String varchar, String bigint, String nowMillis) {
        this.displayName = displayName;
        this.maxNameLength = maxNameLength;
        this.longText = longText;
        this.varchar = varchar;
        this.bigint = bigint;
        this.nowMillis = nowMillis;
    }

    /**
     * @return the dialect of the database {@code c} is connected to
     * @throws SQLException naming the databases procore-cdi's tables support, when it is none of them
     */
    static SqlDialect of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        SqlDialect dialect = of(product);
        if (dialect == null) {
            throw new SQLException("procore-cdi's jdbc tables support PostgreSQL, MariaDB/MySQL, H2, Oracle and SQL Server, not "
                    + product);
        }
        return dialect;
    }

    /** @return the dialect of a database, from {@code DatabaseMetaData.getDatabaseProductName()}, or {@code null} if unknown */
    public static SqlDialect of(String productName) {
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        if (p.contains("mariadb") || p.contains("mysql")) {
            return MARIADB;
        }
        if (p.equals("h2")) {
            return H2;
        }
        if (p.contains("oracle")) {
            return ORACLE;
        }
        if (p.contains("sql server")) {
            return SQLSERVER;
        }
        return null;
    }

    /** @return the database's name as users know it (in error messages) */
    public String displayName() {
        return displayName;
    }

    /**
     * @return the longest table (and schema) name the database takes, in bytes (PostgreSQL truncates longer ones
     *         silently; the others refuse them); a driver may report less (Oracle before 12.2: 30)
     */
    public int maxNameLength() {
        return maxNameLength;
    }

    /** @return an SQL expression for the database's current time in Unix milliseconds */
    public String nowMillis() {
        return nowMillis;
    }

    /** @return the {@code CREATE TABLE} statement of the token table (docs/token-stores.md prints it per database) */
    public String createTable(String table) {
        return "CREATE TABLE " + table + " ("
                + "connection_name " + varchar + "(250) NOT NULL, "
                + "subject " + varchar + "(500) NOT NULL, "
                + "access_token " + longText + " NOT NULL, "
                + "token_type " + varchar + "(40) NOT NULL, "
                + "expires_at " + bigint + " NOT NULL, "
                + "refresh_token " + longText + ", "
                + "created_at " + bigint + " NOT NULL, "
                + "fingerprint CHAR(64) NOT NULL, "
                + "claimed_until " + bigint + " NOT NULL, "
                + "PRIMARY KEY (connection_name, subject))";
    }

    /** @return the {@code CREATE TABLE} statement of the webhook deliveries table (beside the token table) */
    public String createDeliveriesTable(String table) {
        return "CREATE TABLE " + table + " ("
                + "delivery_key " + varchar + "(300) NOT NULL, "
                + "state " + bigint + " NOT NULL, "
                + "until_ms " + bigint + " NOT NULL, "
                + "PRIMARY KEY (delivery_key))";
    }
}
