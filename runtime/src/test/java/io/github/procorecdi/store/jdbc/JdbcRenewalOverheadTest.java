package io.github.procorecdi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.store.TokenCipher;

/**
 * What one refresh costs the jdbc store on this machine's PostgreSQL (issue 14 item 3): the claim, the compare-and-set
 * of the new pair and the reload a waiting node does, 300 times, with Java SE connection reuse. A report for the
 * closing note, not a bound; the assertions check only that every step did what it must.
 */
class JdbcRenewalOverheadTest {
    final String table = "procore_tokens_o" + Math.abs(ThreadLocalRandom.current().nextInt());

    @AfterEach
    void drop() throws Exception {
        try (Connection c = JdbcTokenStoreTest.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    void storeOperationsOfOneRenewal() {
        JdbcTokenStore store = new JdbcTokenStore(JdbcConnections.of(JdbcTokenStoreTest.URL, JdbcTokenStoreTest.USER, null), table,
                TokenCipher.none(), true);
        AccessToken current = JdbcTokenStoreTest.token("a0", "r0");
        store.save("c", "s", current);
        int rounds = 300;
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds + 50; i++) { // the first 50 warm up
            AccessToken next = JdbcTokenStoreTest.token("a" + (i + 1), "r" + (i + 1));
            long start = System.nanoTime();
            assertThat(store.claimRefresh("c", "s", current, Duration.ofSeconds(75))).isTrue();
            assertThat(store.replace("c", "s", current, next)).isTrue();
            assertThat(store.load("c", "s")).contains(next);
            if (i >= 50) {
                nanos[i - 50] = System.nanoTime() - start;
            }
            current = next;
        }
        store.close();
        Arrays.sort(nanos);
        System.out.printf("jdbc store per renewal (claim + compare-and-set + reload, PostgreSQL on loopback, %d rounds): "
                + "p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", rounds, nanos[rounds / 2] / 1e6, nanos[rounds * 99 / 100] / 1e6,
                nanos[rounds - 1] / 1e6);
    }
}
