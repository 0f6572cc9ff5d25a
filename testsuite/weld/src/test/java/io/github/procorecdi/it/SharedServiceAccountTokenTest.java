package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.simulator.ProcoreSimulator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * Issue 14 item 6: two CDI containers (two "JVMs") share one service account through the jdbc store on PostgreSQL;
 * at every expiry the cluster makes one client-credentials request, not one per node.
 */
class SharedServiceAccountTokenTest {
    final ProcoreSimulator sim = Sim.get();
    final String table = "procore_tokens_sa" + Math.abs(ThreadLocalRandom.current().nextInt());
    final List<WeldContainer> nodes = new ArrayList<>();

    @Dependent
    public static class Node {
        @Inject @ProcoreClient CompaniesApi companies;
    }

    Node node() {
        WeldContainer c = WeldBoot.boot(SharedJdbcStoreTest.onSharedStore(Sim.dmsa("default"), table), Node.class, CompaniesApi.class);
        nodes.add(c);
        return c.select(Node.class).get();
    }

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(WeldContainer::close);
        sim.reset();
        SharedJdbcStoreTest.dropTable(table);
    }

    @Test
    void twoNodesMakeOneTokenRequestPerExpiry() throws Exception {
        sim.reset();
        sim.accessTokenLifetime(Duration.ofSeconds(3));
        sim.faults().tokenDelay(Duration.ofMillis(200)); // a token request takes a while: both nodes are due together
        Node a = node();
        Node b = node();
        a.companies.list();
        b.companies.list();
        assertThat(sim.counters().tokenRequests("client_credentials")).as("the second node takes the stored token").isEqualTo(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(40);
        try {
        for (int expiry = 1; expiry <= 3; expiry++) {
            Thread.sleep(3_100); // past the token's expiry (whole-second created_at: it may be up to 1 s earlier)
            CyclicBarrier start = new CyclicBarrier(40);
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Node n = i % 2 == 0 ? a : b;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return n.companies.list().size();
                }, pool));
            }
            for (CompletableFuture<Integer> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(2);
            }
            assertThat(sim.counters().tokenRequests("client_credentials")).as("after expiry " + expiry).isEqualTo(1 + expiry);
        }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sim.counters().apiResponses(401)).isZero();
    }

    /**
     * Issue 20, item 7: two nodes that start at once may both ask Procore at first demand; from the next renewal on they
     * share one token, so the cluster makes one request per renewal. Fails where each node keeps its own token (two
     * requests per renewal, the nodes out of step).
     */
    @Test
    void twoNodesStartingAtOnceConvergeOnOneTokenPerRenewal() throws Exception {
        sim.reset();
        sim.accessTokenLifetime(Duration.ofSeconds(4));
        sim.faults().tokenDelay(Duration.ofMillis(200));
        sim.rateLimit(1_000_000, Duration.ofSeconds(10)); // the test counts token requests, not Procore's hourly limit
        Node a = node();
        Node b = node();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(40);
        try {
            CyclicBarrier start = new CyclicBarrier(40);
            long end = System.currentTimeMillis() + 12_000;
            List<CompletableFuture<Integer>> callers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Node n = i % 2 == 0 ? a : b;
                callers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    int calls = 0;
                    while (System.currentTimeMillis() < end) {
                        n.companies.list();
                        calls++;
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                    return calls;
                }, pool));
            }
            for (CompletableFuture<Integer> c : callers) {
                assertThat(c.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        int requests = sim.counters().tokenRequests("client_credentials");
        System.out.println("service-account convergence: " + requests + " client-credentials requests in 12 s of 4 s tokens");
        // a token is renewed at half its life (2 s; Procore's whole-second created_at can make that 1.5 s): one request per
        // renewal for the cluster is at most 12 / 1.5 = 8, plus both nodes' first demand and the renewal under way at the
        // end. Nodes keeping their own tokens make about twice the renewals.
        assertThat(requests).as("client-credentials requests of two nodes in 12 s").isLessThanOrEqualTo(2 + 8 + 1);
        assertThat(sim.counters().apiResponses(401)).isZero();
    }
}
