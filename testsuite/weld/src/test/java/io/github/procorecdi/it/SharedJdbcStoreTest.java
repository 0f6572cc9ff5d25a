package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.simulator.ProcoreSimulator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * Two application instances ("nodes": two CDI containers with their own engines) share one
 * {@code token-store=jdbc} table on PostgreSQL. A single-use refresh token must be redeemed once
 * across both, however many threads of each need a new token at the same moment.
 */
@ExtendWith(ResetSimulator.class)
class SharedJdbcStoreTest {
    static final String REDIRECT = "http://localhost:8080/procore/callback";
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @Dependent
    public static class Node {
        @Inject @ProcoreClient ProcoreConnection connection;
        @Inject @ProcoreClient CompaniesApi companies;
    }

    ProcoreSimulator sim = Sim.get();
    String table = "procore_tokens_it" + Math.abs(ThreadLocalRandom.current().nextInt());
    List<WeldContainer> nodes = new ArrayList<>();

    Node node() {
        WeldContainer c = WeldBoot.boot(onSharedStore(Sim.web("default", REDIRECT), table), Node.class, CompaniesApi.class);
        nodes.add(c);
        return c.select(Node.class).get();
    }

    /**
     * @return connection {@code default}'s {@code config} with the jdbc store on this machine's PostgreSQL in {@code table},
     *         renewing at expiry (no refresh ahead), as every node of a shared-store test runs
     */
    static Map<String, String> onSharedStore(Map<String, String> config, String table) {
        Map<String, String> p = new TreeMap<>(config);
        p.put("procore.default.token-store", "jdbc");
        p.put("procore.default.token-store.jdbc-url", URL);
        p.put("procore.default.token-store.username", "postgres");
        p.put("procore.default.token-store.table", table);
        p.put("procore.default.refresh-ahead", "PT0S");
        return p;
    }

    /** Drops a shared-store test's table. */
    static void dropTable(String table) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", null); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS " + table);
        }
    }

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(WeldContainer::close);
        dropTable(table);
    }

    @Test
    void twoNodesRefreshingAtOnceRedeemTheRefreshTokenOnce() throws Exception {
        Node a = node();
        Node b = node();
        sim.accessTokenLifetime(Duration.ofSeconds(1));
        a.connection.exchangeCode(Sim.code("ada@example.com", REDIRECT));
        assertThat(b.companies.me().name()).as("node b reads the pair node a stored").isEqualTo("Ada Lovelace");
        Thread.sleep(1100); // expired on both nodes
        sim.accessTokenLifetime(Duration.ofSeconds(5400));
        sim.faults().tokenDelay(Duration.ofMillis(300));
        // Procore's whole-second created_at can make a 1-second token expire before node b's first call on a slow
        // machine: that call then refreshes once itself (a rotation of its own). Only the storm's requests are counted.
        int refreshesBefore = sim.counters().tokenRequests("refresh_token");

        int perNode = 100;
        ExecutorService pool = Executors.newFixedThreadPool(2 * perNode);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Me>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * perNode; i++) {
                Node node = i % 2 == 0 ? a : b;
                calls.add(pool.submit(() -> {
                    go.await();
                    return node.companies.me();
                }));
            }
            go.countDown();
            for (Future<Me> f : calls) {
                assertThat(f.get(60, TimeUnit.SECONDS).name()).isEqualTo("Ada Lovelace");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sim.counters().tokenRequests("refresh_token") - refreshesBefore).as("refresh requests of the storm").isEqualTo(1);
        assertThat(sim.counters().tokenErrors("invalid_grant")).isZero();
        assertThat(sim.counters().apiResponses(401)).isZero();
        assertThat(a.connection.accessToken()).isEqualTo(b.connection.accessToken());
    }

    @Test
    void signingOutOnOneNodeSignsOutEverywhere() throws Exception {
        Node a = node();
        Node b = node();
        a.connection.exchangeCode(Sim.code("grace@example.com", REDIRECT));
        assertThat(b.companies.me().name()).isEqualTo("Grace Hopper");

        a.connection.revoke();

        assertThatThrownBy(() -> b.companies.me()).as("revoked at Procore: the 401 leads to an empty store")
                .isInstanceOf(ProcoreAuthorizationRequiredException.class);
    }
}
