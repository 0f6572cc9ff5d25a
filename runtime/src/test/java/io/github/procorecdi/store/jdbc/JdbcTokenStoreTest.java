package io.github.procorecdi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.store.TokenCipher;
import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreException;

/** The jdbc store against the PostgreSQL of this machine (127.0.0.1:5432, database test, trust auth). */
class JdbcTokenStoreTest {
    static final String URL = System.getProperty("procore.test.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("procore.test.jdbc-user", "postgres");
    static final byte[] KEY = Base64.getDecoder().decode("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    String table;

    @BeforeEach
    void table() {
        table = "procore_tokens_t" + Math.abs(ThreadLocalRandom.current().nextInt());
    }

    @AfterEach
    void drop() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS " + table);
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, null);
    }

    JdbcTokenStore store(TokenCipher cipher, Clock clock) {
        return new JdbcTokenStore(JdbcConnections.of(URL, USER, null), table, cipher == null ? TokenCipher.none() : cipher, true);
    }

    static AccessToken token(String value, String refresh) {
        Instant now = Instant.parse("2026-01-01T10:00:00.123Z");
        return new AccessToken(value, "bearer", now.plusSeconds(5400), refresh, now);
    }

    @Test
    void createsItsTableAndComparesAndSetsAcrossNodes() {
        JdbcTokenStore node1 = store(null, Clock.systemUTC());
        JdbcTokenStore node2 = store(null, Clock.systemUTC());
        AccessToken first = token("a1", "r1");
        node1.save("c", "s", first);
        assertThat(node2.load("c", "s")).contains(first);
        assertThat(node2.load("c", "other")).isEmpty();

        AccessToken second = token("a2", "r2");
        assertThat(node2.replace("c", "s", token("x", "r1"), second)).isFalse();
        assertThat(node2.replace("c", "s", first, second)).isTrue();
        assertThat(node1.replace("c", "s", first, token("a3", "r3"))).as("stale expected").isFalse();
        assertThat(node1.load("c", "s")).contains(second);

        node1.save("c", "s", token("a4", "r4")); // a new authorization overwrites
        assertThat(node2.load("c", "s").orElseThrow().value()).isEqualTo("a4");
        assertThat(node2.replace("c", "s", token("a4", "r4"), null)).isTrue();
        assertThat(node1.load("c", "s")).isEmpty();
    }

    @Test
    void oneNodeAtATimeMayRedeemARefreshTokenUntilTheDatabaseSaysTheLeaseIsOver() throws Exception {
        JdbcTokenStore node1 = store(null, Clock.systemUTC());
        JdbcTokenStore node2 = store(null, Clock.systemUTC());
        AccessToken pair = token("a", "r");
        node1.save("c", "s", pair);

        assertThat(node1.claimRefresh("c", "s", pair, Duration.ofMillis(400))).isTrue();
        assertThat(node2.claimRefresh("c", "s", pair, Duration.ofMillis(400))).isFalse();
        long claimedUntil;
        long databaseNow;
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT claimed_until, " + SqlDialect.POSTGRESQL.nowMillis() + " FROM " + table)) {
            assertThat(r.next()).isTrue();
            claimedUntil = r.getLong(1);
            databaseNow = r.getLong(2);
        }
        assertThat(claimedUntil - databaseNow).as("the lease is counted on the database's clock").isBetween(0L, 400L);
        Thread.sleep(500);
        assertThat(node2.claimRefresh("c", "s", pair, Duration.ofSeconds(30))).as("lease over").isTrue();
        AccessToken next = token("a2", "r2");
        assertThat(node2.replace("c", "s", pair, next)).isTrue();
    }

    @Test
    void aReleasedClaimCanBeTakenAtOnce() {
        JdbcTokenStore node1 = store(null, Clock.systemUTC());
        JdbcTokenStore node2 = store(null, Clock.systemUTC());
        AccessToken pair = token("a", "r");
        node1.save("c", "s", pair);
        assertThat(node1.claimRefresh("c", "s", pair, Duration.ofMinutes(5))).isTrue();
        assertThat(node2.claimRefresh("c", "s", pair, Duration.ofMinutes(5))).isFalse();
        node1.releaseClaim("c", "s", pair);
        assertThat(node2.claimRefresh("c", "s", pair, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void concurrentClaimsFromManyConnectionsGrantExactlyOne() throws Exception {
        AccessToken pair = token("a", "r");
        store(null, Clock.systemUTC()).save("c", "s", pair);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                JdbcTokenStore node = store(null, Clock.systemUTC());
                claims.add(pool.submit(() -> node.claimRefresh("c", "s", pair, Duration.ofSeconds(30))));
            }
            int granted = 0;
            for (Future<Boolean> f : claims) {
                granted += f.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tokensAreEncryptedAtRestWithTheKey() throws Exception {
        AccessToken pair = token("ACCESS-SECRET", "REFRESH-SECRET");
        store(new TokenCipher(KEY), Clock.systemUTC()).save("c", "s", pair);
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT access_token, refresh_token, fingerprint FROM " + table)) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).startsWith("aesgcm2:").doesNotContain("ACCESS-SECRET");
            assertThat(r.getString(2)).startsWith("aesgcm2:").doesNotContain("REFRESH-SECRET");
            assertThat(r.getString(3)).hasSize(64);
        }
        JdbcTokenStore encrypted = store(new TokenCipher(KEY), Clock.systemUTC());
        assertThat(encrypted.load("c", "s")).contains(pair);
        assertThat(encrypted.replace("c", "s", pair, token("n", "m"))).as("compare-and-set works on encrypted rows").isTrue();
        assertThatThrownBy(() -> store(null, Clock.systemUTC()).load("c", "s"))
                .isInstanceOf(ProcoreException.class).hasMessageContaining("encryption-key");
    }

    @Test
    void databaseErrorsNameTheTableWithoutSecrets() {
        JdbcTokenStore broken = new JdbcTokenStore(JdbcConnections.of(URL, "no_such_user_x", "pw"), table, TokenCipher.none(), true);
        assertThatThrownBy(() -> broken.save("c", "s", token("SECRET-A", "SECRET-R")))
                .isInstanceOf(ProcoreException.class).hasMessageContaining(table)
                .hasMessageNotContaining("SECRET-A").hasMessageNotContaining("SECRET-R");
    }
}
