package io.github.procorecdi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.store.TokenCipher;

/**
 * The jdbc store on every database this machine runs (PostgreSQL, MariaDB) and on H2: its DDL, an 8 KB
 * access token (Procore's are JWTs) sealed at rest, compare-and-set, claims on the database's clock,
 * {@code create-table=false}.
 */
class JdbcDialectsTest {
    static final byte[] KEY = Base64.getDecoder().decode("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");

    record Db(String name, String url, String user, SqlDialect dialect) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, "");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Db> databases() {
        return Stream.of(
                new Db("PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", SqlDialect.POSTGRESQL),
                new Db("MariaDB", "jdbc:mariadb://127.0.0.1:3306/test", "root", SqlDialect.MARIADB),
                new Db("H2", "jdbc:h2:mem:procore" + ThreadLocalRandom.current().nextInt(1_000_000) + ";DB_CLOSE_DELAY=-1", "sa",
                        SqlDialect.H2));
    }

    static String table() {
        return "procore_tokens_d" + Math.abs(ThreadLocalRandom.current().nextInt());
    }

    static AccessToken jwtSized(String tag) {
        StringBuilder jwt = new StringBuilder("eyJhbGciOiJSUzI1NiJ9.");
        while (jwt.length() < 8192) {
            jwt.append(tag).append(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE));
        }
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        return new AccessToken(jwt.toString(), "bearer", now.plusSeconds(5400), "rt-" + tag, now);
    }

    static void drop(Db db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS " + table);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anEightKilobyteTokenSealedAtRestRoundTrips(Db db) throws Exception {
        String table = table();
        try {
            JdbcTokenStore store = new JdbcTokenStore(JdbcConnections.of(db.url(), db.user(), ""), table, new TokenCipher(KEY), true);
            AccessToken big = jwtSized("a");
            assertThat(big.value().length()).isGreaterThanOrEqualTo(8192);
            store.save("c@k", "u", big);
            assertThat(store.dialect()).isEqualTo(db.dialect());
            assertThat(store.load("c@k", "u")).contains(big);
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT access_token FROM " + table)) {
                assertThat(r.next()).isTrue();
                String sealed = r.getString(1);
                assertThat(sealed).startsWith("aesgcm2:" + TokenCipher.keyId(KEY) + ":").doesNotContain(big.value().substring(30, 60));
                assertThat(sealed.length()).isGreaterThan(10_000);
            }
            AccessToken next = jwtSized("b");
            assertThat(store.replace("c@k", "u", big, next)).isTrue();
            assertThat(store.replace("c@k", "u", big, jwtSized("c"))).as("compare-and-set against a replaced pair").isFalse();
            assertThat(store.load("c@k", "u")).contains(next);
        } finally {
            drop(db, table);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void claimsAreLeasesOnTheDatabasesClock(Db db) throws Exception {
        String table = table();
        try {
            JdbcTokenStore a = new JdbcTokenStore(JdbcConnections.of(db.url(), db.user(), ""), table, TokenCipher.none(), true);
            JdbcTokenStore b = new JdbcTokenStore(JdbcConnections.of(db.url(), db.user(), ""), table, TokenCipher.none(), true);
            AccessToken pair = jwtSized("p");
            a.save("c@k", "u", pair);
            assertThat(a.claimRefresh("c@k", "u", pair, Duration.ofMillis(1500))).isTrue();
            assertThat(b.claimRefresh("c@k", "u", pair, Duration.ofMillis(1500))).isFalse();
            long until;
            long now;
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT claimed_until, " + db.dialect().nowMillis() + " FROM " + table)) {
                assertThat(r.next()).isTrue();
                until = r.getLong(1);
                now = r.getLong(2);
            }
            assertThat(until - now).as("lease left, by the database's clock").isBetween(0L, 1500L);
            a.releaseClaim("c@k", "u", pair);
            assertThat(b.claimRefresh("c@k", "u", pair, Duration.ofMillis(1500))).as("released").isTrue();
            Thread.sleep(1700);
            assertThat(a.claimRefresh("c@k", "u", pair, Duration.ofSeconds(30))).as("lease over").isTrue();
        } finally {
            drop(db, table);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void withCreateTableFalseAMissingTableIsReportedWithItsDdl(Db db) throws Exception {
        String table = table();
        JdbcTokenStore store = new JdbcTokenStore(JdbcConnections.of(db.url(), db.user(), ""), table, TokenCipher.none(), false);
        assertThatThrownBy(() -> store.load("c@k", "u")).isInstanceOf(ProcoreException.class)
                .hasMessageContaining("create-table is false").hasMessageContaining(db.dialect().createTable(table));
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate(db.dialect().createTable(table));
        }
        try {
            JdbcTokenStore fresh = new JdbcTokenStore(JdbcConnections.of(db.url(), db.user(), ""), table, TokenCipher.none(), false);
            assertThat(fresh.load("c@k", "u")).isEmpty();
        } finally {
            drop(db, table);
        }
    }

}
