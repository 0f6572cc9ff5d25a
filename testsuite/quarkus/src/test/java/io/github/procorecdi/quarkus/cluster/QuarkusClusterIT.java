package io.github.procorecdi.quarkus.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.quarkus.cluster.QuarkusNodes.Node;
import io.github.procorecdi.quarkus.cluster.QuarkusNodes.Result;
import io.github.procorecdi.simulator.ProcoreSimulator;

/**
 * Two Quarkus JVMs (the packaged test application, {@link ClusterNode}) share one jdbc token store on PostgreSQL and one
 * user's single-use refresh token over five expiries, 100 callers each released together just past every expiry. What
 * must hold whatever the machine's speed: exactly one refresh request per rotation of the stored pair, no
 * {@code invalid_grant}, no failed call, the session still alive at the end.
 */
class QuarkusClusterIT {
    static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/test";
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    static final int NODES = 2;
    /** 100 in the test command; the storm of BENCHMARKS.md ({@code -Dquarkus-cluster.threads=200 -Dquarkus-cluster.expiries=1}) */
    static final int THREADS = Integer.getInteger("quarkus-cluster.threads", 100);
    static final int EXPIRIES = Integer.getInteger("quarkus-cluster.expiries", 5);
    /** longer than a round of 200 calls takes on a busy 2-core machine, so each round meets one expiry */
    static final Duration LIFETIME = Duration.ofSeconds(5);

    @Test
    void twoQuarkusJvmsOnOnePostgreSqlStoreRedeemEachRefreshTokenOnce() throws Exception {
        String table = "procore_tokens_qcluster" + Math.abs(ThreadLocalRandom.current().nextInt(1_000_000));
        List<Node> nodes = new ArrayList<>();
        try (ProcoreSimulator sim = ProcoreSimulator.start(); Rotations rotations = new Rotations(table)) {
            sim.accessTokenLifetime(LIFETIME);
            sim.rateLimit(1_000_000, Duration.ofSeconds(10)); // this test counts tokens, not Procore's rate limit
            sim.faults().tokenDelay(Duration.ofMillis(50));
            Map<String, String> properties = new TreeMap<>();
            properties.put("procore.cluster.login-url", sim.loginUrl().toString());
            properties.put("procore.cluster.api-url", sim.apiUrl().toString());
            properties.put("procore.cluster.token-store.table", table);
            properties.put("node.threads", Integer.toString(THREADS));
            properties.put("quarkus.http.port", "0"); // each node its own port, on loopback only
            properties.put("quarkus.http.host", "127.0.0.1");
            properties.put("quarkus.banner.enabled", "false");
            for (int i = 0; i < NODES; i++) {
                nodes.add(QuarkusNodes.start(JAR, properties));
            }
            for (Node node : nodes) {
                node.awaitReady();
            }
            nodes.get(0).signIn(QuarkusNodes.code(sim)); // the user signed in on one node: the pair is in the shared table
            rotations.start();
            int failed = 0;
            int authRequired = 0;
            long slowest = 0;
            for (int round = 1; round <= EXPIRIES; round++) {
                long start = rotations.expiresAt() + 200;
                for (Node node : nodes) {
                    node.send("ROUND " + round + " " + start + " " + THREADS);
                }
                for (Node node : nodes) {
                    Result r = node.awaitResult(round);
                    assertThat(r.ok() + r.failed()).isEqualTo(THREADS);
                    failed += r.failed();
                    authRequired += r.authRequired();
                    slowest = Math.max(slowest, r.maxMillis());
                }
            }
            int seen = rotations.stop();
            int refreshes = sim.counters().tokenRequests("refresh_token");
            int tokenRequests = sim.counters().tokenRequests() - sim.counters().tokenRequests("authorization_code");
            int invalidGrant = sim.counters().tokenErrors("invalid_grant");
            boolean sessionLost = !rotations.holdsAPair() || authRequired > 0;
            System.out.printf("quarkus cluster | %d Quarkus JVMs x %d threads, one PostgreSQL store, %d expiries | rotations %d | "
                    + "token requests %d (refresh %d) | invalid_grant %d | failed calls %d | sessions lost %d | slowest caller %d ms%n",
                    NODES, THREADS, EXPIRIES, seen, tokenRequests, refreshes, invalidGrant, failed, sessionLost ? 1 : 0, slowest);
            assertThat(invalidGrant).as("invalid_grant: a refresh token redeemed twice").isZero();
            assertThat(failed).as("failed calls").isZero();
            assertThat(sessionLost).as("the session is lost").isFalse();
            assertThat(seen).as("rotations: every round starts past an expiry").isGreaterThanOrEqualTo(EXPIRIES);
            assertThat(refreshes).as("refresh requests: exactly one per rotation of the stored pair").isEqualTo(seen);
        } finally {
            for (Node node : nodes) {
                node.close();
            }
            exec("DROP TABLE IF EXISTS " + table);
        }
    }

    private static void exec(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(JDBC, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Counts rotations: every distinct access token the shared table held (kept in this test's memory only, never printed). */
    static final class Rotations implements AutoCloseable {
        private final String table;
        private final Set<String> accessTokens = new HashSet<>();
        private final Thread watcher;
        private volatile boolean watching = true;

        Rotations(String table) {
            this.table = table;
            this.watcher = new Thread(this::watch, "rotation-watcher");
            this.watcher.setDaemon(true);
        }

        void start() throws SQLException {
            record(accessToken());
            watcher.start();
        }

        private void watch() {
            while (watching) {
                try {
                    record(accessToken());
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                } catch (SQLException e) {
                    // look again
                }
            }
        }

        private void record(String token) {
            if (token != null) {
                synchronized (accessTokens) {
                    accessTokens.add(token);
                }
            }
        }

        /** @return the rotations seen: distinct access tokens after the first */
        int stop() throws Exception {
            watching = false;
            watcher.join();
            record(accessToken());
            synchronized (accessTokens) {
                return accessTokens.size() - 1;
            }
        }

        long expiresAt() throws SQLException {
            return query("expires_at", r -> r.getLong(1), System.currentTimeMillis());
        }

        String accessToken() throws SQLException {
            return query("access_token", r -> r.getString(1), null);
        }

        /** @return whether the table holds a pair with its refresh token (the session can go on) */
        boolean holdsAPair() throws SQLException {
            return query("refresh_token", r -> r.getString(1) != null, false);
        }

        private <T> T query(String column, Reader<T> reader, T none) throws SQLException {
            try (Connection c = DriverManager.getConnection(JDBC, "postgres", ""); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT " + column + " FROM " + table)) {
                return r.next() ? reader.read(r) : none;
            }
        }

        @Override
        public void close() throws InterruptedException {
            watching = false;
            if (watcher.isAlive()) {
                watcher.join();
            }
        }

        interface Reader<T> {
            T read(ResultSet r) throws SQLException;
        }
    }
}
