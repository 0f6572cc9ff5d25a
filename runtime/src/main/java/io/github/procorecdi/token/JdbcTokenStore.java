package io.github.procorecdi.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.TokenStore;

/**
 * The {@code jdbc} token store, for clusters: one row per (connection, subject) in a shared table
 * ({@code token-store.table}, created if missing). Compare-and-set and refresh claims are single
 * conditional {@code UPDATE}s on a fingerprint (SHA-256) of the pair, so they are atomic across
 * every JVM sharing the database, and work unchanged when token values are encrypted at rest.
 */
public final class JdbcTokenStore implements TokenStore {
    private static final Logger LOG = Logger.getLogger(JdbcTokenStore.class.getName());

    /** Opens a JDBC connection (from a {@code DataSource} in a server, from a URL in Java SE). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection get() throws SQLException;
    }

    private final ConnectionSource connections;
    private final String table;
    private final TokenCipher cipher;
    private final Clock clock;
    private volatile boolean tableReady;

    /**
     * @param connections where to get JDBC connections
     * @param table       table name (a plain identifier, validated by the configuration)
     * @param cipher      encrypts token values at rest, or {@code null}
     * @param clock       time source for refresh-claim leases
     */
    public JdbcTokenStore(ConnectionSource connections, String table, TokenCipher cipher, Clock clock) {
        this.connections = connections;
        this.table = table;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Optional<AccessToken> load(String connection, String subject) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT access_token, token_type, expires_at, refresh_token, created_at FROM "
                    + table + " WHERE connection_name = ? AND subject = ?")) {
                s.setString(1, connection);
                s.setString(2, subject);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<AccessToken>empty();
                    }
                    String access = r.getString(1);
                    String refresh = r.getString(4);
                    if (cipher != null) {
                        access = cipher.decrypt(access, connection, subject);
                        refresh = cipher.decrypt(refresh, connection, subject);
                    } else if (TokenCipher.isEncrypted(access)) {
                        throw new ProcoreException("table " + table + " holds encrypted tokens but no token-store.encryption-key is set");
                    }
                    return Optional.of(new AccessToken(access, r.getString(2), Instant.parse(r.getString(3)), refresh,
                            Instant.parse(r.getString(5))));
                }
            }
        });
    }

    @Override
    public void save(String connection, String subject, AccessToken token) {
        run(c -> {
            if (update(c, connection, subject, token, null) == 0) {
                try {
                    insert(c, connection, subject, token);
                } catch (SQLException duplicate) {
                    if (update(c, connection, subject, token, null) == 0) { // inserted concurrently: overwrite
                        throw duplicate;
                    }
                }
            }
            return null;
        });
    }

    @Override
    public boolean replace(String connection, String subject, AccessToken expected, AccessToken replacement) {
        return run(c -> {
            if (replacement == null) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table
                        + " WHERE connection_name = ? AND subject = ? AND fingerprint = ?")) {
                    s.setString(1, connection);
                    s.setString(2, subject);
                    s.setString(3, fingerprint(expected));
                    return s.executeUpdate() == 1;
                }
            }
            return update(c, connection, subject, replacement, fingerprint(expected)) == 1;
        });
    }

    @Override
    public void remove(String connection, String subject) {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE connection_name = ? AND subject = ?")) {
                s.setString(1, connection);
                s.setString(2, subject);
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean claimRefresh(String connection, String subject, AccessToken current, Duration lease) {
        long now = clock.millis();
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET claimed_until = ? WHERE connection_name = ? "
                    + "AND subject = ? AND fingerprint = ? AND claimed_until < ?")) {
                s.setLong(1, now + lease.toMillis());
                s.setString(2, connection);
                s.setString(3, subject);
                s.setString(4, fingerprint(current));
                s.setLong(5, now);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public String toString() {
        return "JdbcTokenStore[table=" + table + (cipher != null ? ", encrypted" : "") + "]";
    }

    // ---- SQL

    private int update(Connection c, String connection, String subject, AccessToken token, String expectedFingerprint)
            throws SQLException {
        String sql = "UPDATE " + table + " SET access_token = ?, token_type = ?, expires_at = ?, refresh_token = ?, created_at = ?, "
                + "fingerprint = ?, claimed_until = 0 WHERE connection_name = ? AND subject = ?"
                + (expectedFingerprint != null ? " AND fingerprint = ?" : "");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bindToken(s, connection, subject, token);
            s.setString(7, connection);
            s.setString(8, subject);
            if (expectedFingerprint != null) {
                s.setString(9, expectedFingerprint);
            }
            return s.executeUpdate();
        }
    }

    private void insert(Connection c, String connection, String subject, AccessToken token) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (access_token, token_type, expires_at, refresh_token, "
                + "created_at, fingerprint, connection_name, subject, claimed_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
            bindToken(s, connection, subject, token);
            s.setString(7, connection);
            s.setString(8, subject);
            s.executeUpdate();
        }
    }

    private void bindToken(PreparedStatement s, String connection, String subject, AccessToken token) throws SQLException {
        s.setString(1, cipher == null ? token.value() : cipher.encrypt(token.value(), connection, subject));
        s.setString(2, token.tokenType());
        s.setString(3, token.expiresAt().toString());
        s.setString(4, cipher == null ? token.refreshToken() : cipher.encrypt(token.refreshToken(), connection, subject));
        s.setString(5, token.createdAt().toString());
        s.setString(6, fingerprint(token));
    }

    /** SHA-256 of the pair: identifies it for compare-and-set without storing or comparing the secrets themselves. */
    static String fingerprint(AccessToken token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(token.value().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            if (token.refreshToken() != null) {
                sha.update(token.refreshToken().getBytes(StandardCharsets.UTF_8));
            }
            sha.update((byte) 0);
            sha.update(token.expiresAt().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T run(Work<T> work) {
        try (Connection c = connections.get()) {
            ensureTable(c);
            if (!c.getAutoCommit()) {
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
            return work.run(c);
        } catch (SQLException e) {
            throw new ProcoreException("token store table " + table + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private void ensureTable(Connection c) throws SQLException {
        if (tableReady) {
            return;
        }
        synchronized (this) {
            if (tableReady) {
                return;
            }
            if (!exists(c)) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("CREATE TABLE " + table + " (connection_name VARCHAR(200) NOT NULL, subject VARCHAR(500) NOT NULL, "
                            + "access_token VARCHAR(4000) NOT NULL, token_type VARCHAR(40) NOT NULL, expires_at VARCHAR(40) NOT NULL, "
                            + "refresh_token VARCHAR(4000), created_at VARCHAR(40) NOT NULL, fingerprint CHAR(64) NOT NULL, "
                            + "claimed_until BIGINT NOT NULL, PRIMARY KEY (connection_name, subject))");
                    if (!c.getAutoCommit()) {
                        c.commit();
                    }
                    LOG.info(() -> "procore-cdi created token store table " + table);
                } catch (SQLException e) {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                    if (!exists(c)) { // not a concurrent creation by another node
                        throw e;
                    }
                }
            }
            tableReady = true;
        }
    }

    private boolean exists(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0")) {
            return true;
        } catch (SQLException e) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return false;
        }
    }
}
