package io.github.procorecdi.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreConnections;
import io.github.procorecdi.servers.app.CompaniesApi;

/**
 * One node of the cluster suite, in its own JVM: a procore-cdi connection on the shared jdbc store, opened through the
 * public Java SE entry point ({@link ProcoreConnections#open(String, Map)}) with its own {@code user-agent}
 * ({@code -Dnode.user-agent}), by which the simulator counts each node's token requests. A node whose clock must be
 * skewed is started under libfaketime by the test: its whole JVM reads the skewed wall clock. It prints
 * {@code CLOCK <System.currentTimeMillis()>} first, so that the test can check the skew, then {@code READY}.
 * Reads commands from stdin: {@code ROUND <n> <epoch millis> <threads>} makes {@code threads} calls at that
 * instant (by the real clock, which the test sends: the node adds its skew) and prints
 * {@code RESULT <n> ok=.. failed=.. authRequired=.. maxMillis=..} (and the first failures); {@code EXIT} ends it.
 */
public final class ClusterNode {
    private ClusterNode() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("CLOCK " + System.currentTimeMillis());
        long skew = Duration.parse(System.getProperty("node.clock-offset", "PT0S")).toMillis();
        Map<String, String> properties = new TreeMap<>(Map.of("grant-type", "authorization_code",
                "client-id", System.getProperty("node.client-id"), "client-secret", System.getProperty("node.client-secret"),
                "redirect-uri", System.getProperty("node.redirect-uri"), "login-url", System.getProperty("node.login-url"),
                "api-url", System.getProperty("node.api-url"), "user-agent", System.getProperty("node.user-agent"),
                "refresh-ahead", "PT0S", "connect-timeout", "PT1S", "read-timeout", "PT2S"));
        properties.putAll(Map.of("token-store", "jdbc", "token-store.jdbc-url", System.getProperty("node.jdbc-url"),
                "token-store.username", System.getProperty("node.jdbc-user"), "token-store.table", System.getProperty("node.table")));
        ProcoreConnection connection = ProcoreConnections.open("default", properties);
        CompaniesApi procore = connection.client(CompaniesApi.class);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        warmUp(procore);
        System.out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("EXIT")) {
            String[] cmd = line.split(" ");
            int round = Integer.parseInt(cmd[1]);
            long start = Long.parseLong(cmd[2]) + skew; // the same instant, read on this node's clock
            int threads = Integer.parseInt(cmd[3]);
            List<Future<Long>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(pool.submit(() -> {
                    long wait = start - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    long t0 = System.nanoTime();
                    if (!"Ada Lovelace".equals(procore.me().name())) {
                        throw new IllegalStateException("wrong answer");
                    }
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                }));
            }
            int ok = 0;
            int failed = 0;
            int authRequired = 0;
            List<Long> latencies = new ArrayList<>();
            Map<String, Integer> failures = new TreeMap<>();
            for (Future<Long> f : calls) {
                try {
                    latencies.add(f.get(120, TimeUnit.SECONDS));
                    ok++;
                } catch (Exception e) {
                    failed++;
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    if (cause.getClass().getSimpleName().equals("ProcoreAuthorizationRequiredException")) {
                        authRequired++;
                    }
                    failures.merge(cause.getClass().getSimpleName() + ": " + cause.getMessage(), 1, Integer::sum);
                }
            }
            Collections.sort(latencies);
            long max = latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1);
            long p50 = latencies.isEmpty() ? 0 : latencies.get(latencies.size() / 2);
            long p99 = latencies.isEmpty() ? 0 : latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(latencies.size() * 0.99) - 1));
            failures.forEach((f, n) -> System.out.println("FAILURE x" + n + " " + f));
            System.out.println("RESULT " + round + " ok=" + ok + " failed=" + failed + " authRequired=" + authRequired + " maxMillis=" + max
                    + " p50=" + p50 + " p99=" + p99);
        }
        pool.shutdownNow();
        ProcoreConnections.close(connection);
    }

    /**
     * One call while the stored token is still fresh by this node's clock (no refresh), so the rounds measure waits, not a
     * cold JVM. The token's expiry is read from the shared table (its documented DDL: {@code expires_at}, epoch millis).
     */
    private static void warmUp(CompaniesApi procore) {
        try (Connection c = DriverManager.getConnection(System.getProperty("node.jdbc-url"), System.getProperty("node.jdbc-user"), "");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT expires_at FROM " + System.getProperty("node.table"))) {
            if (r.next() && r.getLong(1) > System.currentTimeMillis() + 1000) {
                procore.me();
            }
        } catch (SQLException | RuntimeException e) {
            System.out.println("WARM-UP " + e);
        }
    }
}
