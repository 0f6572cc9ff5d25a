package io.github.procorecdi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.store.TokenCipher;

/**
 * Issue 21 item 5: a {@code token-store.table} longer than the database takes is refused, naming the property and the
 * database's limit, before any table is created: PostgreSQL would truncate it silently (every start after the first then
 * fails with "relation already exists"), and {@code <table>_webhooks} must fit as well.
 */
class TableNameLimitsTest {
    record Db(String name, String url, String user, int limit) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Db> databases() {
        return Stream.of(new Db("PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", 63),
                new Db("MariaDB", "jdbc:mariadb://127.0.0.1:3306/test", "root", 64),
                new Db("H2", "jdbc:h2:mem:names" + ThreadLocalRandom.current().nextInt(1_000_000) + ";DB_CLOSE_DELAY=-1", "sa", 256));
    }

    /** @return a unique table name of exactly {@code length} characters */
    static String name(int length) {
        StringBuilder sb = new StringBuilder("procore_tokens_n").append(Math.abs(ThreadLocalRandom.current().nextInt()));
        while (sb.length() < length) {
            sb.append('x');
        }
        return sb.substring(0, length);
    }

    static void drop(Db db, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), ""); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS " + table);
            if (JdbcTables.exists(c, table + "_webhooks")) { // MariaDB refuses even to drop a name that is too long
                s.executeUpdate("DROP TABLE " + table + "_webhooks");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aNameWhoseWebhookTableWouldNotFitIsRefusedNamingThePropertyAndTheLimit(Db db) throws Exception {
        String table = name(db.limit() - 8); // fits alone, but <table>_webhooks is one byte too long
        JdbcConnections connections = JdbcConnections.of(db.url(), db.user(), "");
        try {
            String problem = JdbcStores.tableProblem(connections, table);
            assertThat(problem).startsWith("token-store.table: '" + table + "'")
                    .contains("at most " + db.limit() + " bytes").contains(table + "_webhooks")
                    .contains("at most " + (db.limit() - 9) + " bytes");
            JdbcTokenStore store = new JdbcTokenStore(connections, table, TokenCipher.none(), true);
            assertThatThrownBy(() -> store.load("c", "s")).isInstanceOf(ProcoreException.class)
                    .hasMessageStartingWith("token-store.table: ").hasMessageContaining(String.valueOf(db.limit()));
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), "")) {
                assertThat(JdbcTables.exists(c, table)).as("nothing created").isFalse();
            }
            JdbcDeliveries deliveries = JdbcDeliveries.of(connections, io.github.procorecdi.config.TokenStoreConfig.jdbc(db.url(),
                    db.user(), "", table));
            assertThatThrownBy(() -> deliveries.claim("k")).hasMessageStartingWith("token-store.table: ");
        } finally {
            connections.close();
            drop(db, table);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theLongestNameThatFitsWorks(Db db) throws Exception {
        String table = name(Math.min(db.limit(), 64) - 9);
        JdbcConnections connections = JdbcConnections.of(db.url(), db.user(), "");
        try {
            assertThat(JdbcStores.tableProblem(connections, table)).isNull();
            JdbcTokenStore store = new JdbcTokenStore(connections, table, TokenCipher.none(), true);
            store.save("c", "s", JdbcTokenStoreTest.token("a", "r"));
            assertThat(store.load("c", "s")).isPresent();
            JdbcTokenStore again = new JdbcTokenStore(JdbcConnections.of(db.url(), db.user(), ""), table, TokenCipher.none(), true);
            assertThat(again.load("c", "s")).as("a second start finds the same table").isPresent();
            again.close();
            assertThat(JdbcDeliveries.of(connections, io.github.procorecdi.config.TokenStoreConfig.jdbc(db.url(), db.user(), "", table))
                    .claim("k")).isEqualTo(io.github.procorecdi.webhooks.Deliveries.Claim.CLAIMED);
        } finally {
            connections.close();
            drop(db, table);
        }
    }
}
