package io.github.procorecdi.store.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.internal.Digests;
import io.github.procorecdi.store.TokenCipher;

/**
 * The {@code jdbc} token store, for clusters: one row per (store key, subject) in a shared table
 * ({@code token-store.table}, created if missing unless {@code token-store.create-table=false}).
 * Compare-and-set and refresh claims are single conditional {@code UPDATE}s on a fingerprint
 * (SHA-256) of the pair, so they are atomic across every JVM sharing the database and work unchanged
 * when values are sealed. Claim leases are measured by the database's clock, never a node's.
 */
public final class JdbcTokenStore implements TokenStore {
    private static final Logger LOG = Logger.getLogger(JdbcTokenStore.class.getName());

    private final JdbcConnections connections;
    private final String table;
    private final TokenCipher cipher;
    private final boolean createTable;
    private volatile Sql sql;

    /**
     * @param connections where to get JDBC connections
     * @param table       table name (a plain identifier, validated by the configuration)
     * @param cipher      seals token values at rest ({@link TokenCipher#none()} for clear text)
     * @param createTable whether to create the table if it is missing
     */
    public JdbcTokenStore(JdbcConnections connections, String table, TokenCipher cipher, boolean createTable) {
        this.connections = connections;
        this.table = table;
        this.cipher = cipher == null ? TokenCipher.none() : cipher;
        this.createTable = createTable;
    }

    @Override
    public Optional<AccessToken> load(String storeKey, String subject) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql(c).select)) {
                s.setString(1, storeKey);
                s.setString(2, subject);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<AccessToken>empty();
                    }
                    String access = cipher.open(r.getString(1), storeKey, subject, "access_token");
                    String refresh = cipher.open(r.getString(4), storeKey, subject, "refresh_token");
                    return Optional.of(new AccessToken(access, r.getString(2), Instant.ofEpochMilli(r.getLong(3)), refresh,
                            Instant.ofEpochMilli(r.getLong(5))));
                }
            }
        });
    }

    @Override
    public void save(String storeKey, String subject, AccessToken token) {
        run(c -> {
            if (update(c, storeKey, subject, token, null) == 0) {
                try {
                    insert(c, storeKey, subject, token);
                } catch (SQLException duplicate) {
                    if (update(c, storeKey, subject, token, null) == 0) { // inserted concurrently: overwrite
                        throw duplicate;
                    }
                }
            }
            return null;
        });
    }

    @Override
    public boolean replace(String storeKey, String subject, AccessToken expected, AccessToken replacement) {
        return run(c -> {
            if (replacement == null) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table
                        + " WHERE connection_name = ? AND subject = ? AND fingerprint = ?")) {
                    s.setString(1, storeKey);
                    s.setString(2, subject);
                    s.setString(3, fingerprint(expected));
                    return s.executeUpdate() == 1;
                }
            }
            return update(c, storeKey, subject, replacement, fingerprint(expected)) == 1;
        });
    }

    @Override
    public void remove(String storeKey, String subject) {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE connection_name = ? AND subject = ?")) {
                s.setString(1, storeKey);
                s.setString(2, subject);
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean claimRefresh(String storeKey, String subject, AccessToken current, Duration lease) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql(c).claim)) {
                s.setLong(1, lease.toMillis());
                s.setString(2, storeKey);
                s.setString(3, subject);
                s.setString(4, fingerprint(current));
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void releaseClaim(String storeKey, String subject, AccessToken current) {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET claimed_until = 0 WHERE connection_name = ? "
                    + "AND subject = ? AND fingerprint = ?")) {
                s.setString(1, storeKey);
                s.setString(2, subject);
                s.setString(3, fingerprint(current));
                return s.executeUpdate();
            }
        });
    }

    /** Closes the connections kept open for reuse (Java SE); a server's data source is left to the server. */
    public void close() {
        connections.close();
    }

    /** @return the dialect of the database, detected at first use */
    public SqlDialect dialect() {
        return run(c -> sql(c).dialect);
    }

    @Override
    public String toString() {
        return "JdbcTokenStore[table=" + table + ", " + connections + (cipher.encrypts() ? ", encrypted" : "") + "]";
    }

    // ---- SQL

    private int update(Connection c, String storeKey, String subject, AccessToken token, String expectedFingerprint)
            throws SQLException {
        String statement = "UPDATE " + table + " SET access_token = ?, token_type = ?, expires_at = ?, refresh_token = ?, created_at = ?, "
                + "fingerprint = ?, claimed_until = 0 WHERE connection_name = ? AND subject = ?"
                + (expectedFingerprint != null ? " AND fingerprint = ?" : "");
        try (PreparedStatement s = c.prepareStatement(statement)) {
            bindToken(s, storeKey, subject, token);
            s.setString(7, storeKey);
            s.setString(8, subject);
            if (expectedFingerprint != null) {
                s.setString(9, expectedFingerprint);
            }
            return s.executeUpdate();
        }
    }

    private void insert(Connection c, String storeKey, String subject, AccessToken token) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (access_token, token_type, expires_at, refresh_token, "
                + "created_at, fingerprint, connection_name, subject, claimed_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
            bindToken(s, storeKey, subject, token);
            s.setString(7, storeKey);
            s.setString(8, subject);
            s.executeUpdate();
        }
    }

    private void bindToken(PreparedStatement s, String storeKey, String subject, AccessToken token) throws SQLException {
        s.setString(1, cipher.seal(token.value(), storeKey, subject, "access_token"));
        s.setString(2, token.tokenType());
        s.setLong(3, token.expiresAt().toEpochMilli());
        s.setString(4, cipher.seal(token.refreshToken(), storeKey, subject, "refresh_token"));
        s.setLong(5, token.createdAt().toEpochMilli());
        s.setString(6, fingerprint(token));
    }

    /** SHA-256 of the pair: identifies it for compare-and-set without storing or comparing the secrets themselves. */
    static String fingerprint(AccessToken token) {
        MessageDigest sha = Digests.sha256();
        sha.update(token.value().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        if (token.refreshToken() != null) {
            sha.update(token.refreshToken().getBytes(StandardCharsets.UTF_8));
        }
        sha.update((byte) 0);
        sha.update(Long.toString(token.expiresAt().toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    private <T> T run(JdbcConnections.Work<T> work) {
        return connections.run("token store table " + table, c -> {
            sql(c); // the dialect is known and the table exists before any statement
            return work.run(c);
        });
    }

    /** The statements that depend on the database, prepared once it is known (and the table is there). */
    private Sql sql(Connection c) throws SQLException {
        Sql s = sql;
        if (s != null) {
            return s;
        }
        synchronized (this) {
            if (sql == null) {
                SqlDialect dialect = SqlDialect.of(c);
                String badName = JdbcTables.nameProblem(table, dialect, c);
                if (badName != null) {
                    throw new ProcoreException(badName);
                }
                ensureTable(c, dialect);
                sql = new Sql(dialect, table);
            }
            return sql;
        }
    }

    private void ensureTable(Connection c, SqlDialect dialect) throws SQLException {
        if (JdbcTables.createIfMissing(c, table, dialect.createTable(table), createTable)) {
            LOG.info(() -> "procore-cdi created token store table " + table + " (" + dialect + ")");
        }
    }

    private static final class Sql {
        final SqlDialect dialect;
        final String select;
        final String claim;

        Sql(SqlDialect dialect, String table) {
            this.dialect = dialect;
            this.select = "SELECT access_token, token_type, expires_at, refresh_token, created_at FROM " + table
                    + " WHERE connection_name = ? AND subject = ?";
            this.claim = "UPDATE " + table + " SET claimed_until = " + dialect.nowMillis() + " + ? WHERE connection_name = ? "
                    + "AND subject = ? AND fingerprint = ? AND claimed_until < " + dialect.nowMillis();
        }
    }
}
