package io.github.procorecdi.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
import java.util.concurrent.atomic.AtomicInteger;

import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.connection.ConnectionRuntime;
import io.github.procorecdi.connection.ContainerServices;
import io.github.procorecdi.connection.DefaultProcoreConnection;
import io.github.procorecdi.servers.app.CompaniesApi;
import io.github.procorecdi.telemetry.ConnectionMetrics;
import io.github.procorecdi.telemetry.Telemetry;

/**
 * One node of the cluster suite, in its own JVM: a procore-cdi connection on the shared jdbc store (built
 * with the runtime directly, so the test can give it a skewed clock: {@code -Dnode.clock-offset=PT60S}).
 * Reads commands from stdin: {@code ROUND <n> <epoch millis> <threads>} makes {@code threads} calls at that
 * instant and prints {@code RESULT <n> ok=.. failed=.. authRequired=.. maxMillis=..} (and the first
 * failures); {@code EXIT} ends it.
 */
public final class ClusterNode {
    private ClusterNode() {
    }

    public static void main(String[] args) throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.parse(System.getProperty("node.clock-offset", "PT0S")));
        URI login = URI.create(System.getProperty("node.login-url"));
        URI api = URI.create(System.getProperty("node.api-url"));
        ConnectionConfig config = ConnectionConfig.builder("default")
                .client(System.getProperty("node.client-id"), System.getProperty("node.client-secret"))
                .redirectUri(System.getProperty("node.redirect-uri")).urls(login, api).userAgent("cluster-node")
                .refreshAhead(Duration.ZERO).timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .tokenStore(TokenStoreConfig.jdbc(System.getProperty("node.jdbc-url"), System.getProperty("node.jdbc-user"), "",
                        System.getProperty("node.table")))
                .build();
        // counts this JVM's token requests through the telemetry SPI, so each round says whether this node refreshed
        AtomicInteger tokenRequests = new AtomicInteger();
        ConnectionMetrics counting = new ConnectionMetrics() {
            @Override
            public TokenRequest tokenRequest(String grant) {
                tokenRequests.incrementAndGet();
                return TokenRequest.NONE;
            }
        };
        ConnectionRuntime runtime = new ConnectionRuntime(config, new ContainerServices() {
            @Override
            public Telemetry telemetry() {
                return (connection, grant, remaining) -> counting;
            }
        }, clock);
        CompaniesApi procore = DefaultProcoreConnection.of(runtime).client(CompaniesApi.class);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        warmUp(runtime, procore);
        System.out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("EXIT")) {
            String[] cmd = line.split(" ");
            int round = Integer.parseInt(cmd[1]);
            long start = Long.parseLong(cmd[2]);
            int threads = Integer.parseInt(cmd[3]);
            int requestsBefore = tokenRequests.get();
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
                    + " p50=" + p50 + " p99=" + p99 + " tokenRequests=" + (tokenRequests.get() - requestsBefore));
        }
        pool.shutdownNow();
    }

    /** One call while the stored token is still fresh (no refresh), so the rounds measure waits, not a cold JVM. */
    private static void warmUp(ConnectionRuntime runtime, CompaniesApi procore) {
        try {
            var stored = runtime.store().load(runtime.storeKey(), "default");
            if (stored.isPresent() && stored.get().expiresAt().toEpochMilli() > System.currentTimeMillis() + 1000) {
                procore.me();
            }
        } catch (RuntimeException e) {
            System.out.println("WARM-UP " + e);
        }
    }
}
