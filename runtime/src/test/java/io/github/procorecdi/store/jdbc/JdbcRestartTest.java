package io.github.procorecdi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.store.TokenCipher;

/**
 * Issue 20 item 9: a database restart while Java SE connections are idle. The restart is simulated for this test's own
 * connections only: {@code pg_terminate_backend} ends the server sessions whose {@code application_name} is this test's,
 * as a restart ends them all. The store's next reads and writes, right after (well inside the 5 s an idle connection is
 * reused unchecked), must succeed while the database is up.
 */
class JdbcRestartTest {
    final String app = "procore-restart-" + Math.abs(ThreadLocalRandom.current().nextInt());
    final String table = "procore_tokens_rs" + Math.abs(ThreadLocalRandom.current().nextInt());
    final JdbcConnections connections = JdbcConnections.of(JdbcTokenStoreTest.URL + "?ApplicationName=" + app,
            JdbcTokenStoreTest.USER, null);
    final JdbcTokenStore store = new JdbcTokenStore(connections, table, TokenCipher.none(), true);

    @AfterEach
    void drop() throws SQLException {
        store.close();
        try (Connection c = JdbcTokenStoreTest.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS " + table);
        }
    }

    /** Ends the database sessions of this test's connections, as a restart of the database would. @return how many */
    int restart() throws SQLException {
        try (Connection c = JdbcTokenStoreTest.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     + "WHERE application_name = '" + app + "') t")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** Keeps {@code n} connections idle in the pool: {@code n} store calls at once. */
    void pool(int n) throws Exception {
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            threads[i] = new Thread(() -> store.load("c", "s"));
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    @Test
    void readsAndWritesRightAfterARestartSucceed() throws Exception {
        AccessToken first = JdbcTokenStoreTest.token("a1", "r1");
        store.save("c", "s", first);
        pool(JdbcConnections.MAX_IDLE);
        assertThat(restart()).as("idle connections ended").isPositive();

        assertThat(store.load("c", "s")).as("the first read after the restart").contains(first);

        assertThat(restart()).isPositive();
        assertThat(store.claimRefresh("c", "s", first, Duration.ofSeconds(75))).as("the first claim after a restart").isTrue();
        AccessToken second = JdbcTokenStoreTest.token("a2", "r2");
        assertThat(restart()).isPositive();
        assertThat(store.replace("c", "s", first, second)).as("the first compare-and-set after a restart").isTrue();
        assertThat(store.load("c", "s")).contains(second);
    }

    @Test
    void aDatabaseThatIsDownStillFailsAfterOneRetry() {
        JdbcTokenStore down = new JdbcTokenStore(JdbcConnections.of("jdbc:postgresql://127.0.0.1:1/test", "postgres", null), table,
                TokenCipher.none(), true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> down.load("c", "s"))
                .isInstanceOf(io.github.procorecdi.ProcoreException.class).hasMessageContaining("token store table " + table);
    }
}
