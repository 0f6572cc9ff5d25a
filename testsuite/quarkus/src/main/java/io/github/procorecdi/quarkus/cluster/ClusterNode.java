package io.github.procorecdi.quarkus.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.quarkus.CompaniesApi;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

/**
 * The packaged test application run as one node of a cluster ({@code java -jar target/quarkus-app/quarkus-run.jar}):
 * connection {@code cluster} (authorization code, single-use refresh tokens, the jdbc store on PostgreSQL) through
 * procore-cdi's build-compatible extension. {@code @QuarkusTest} does not run it. Reads commands from stdin, as the cluster
 * suite's nodes do: {@code SIGNIN <code>} exchanges a code for user {@link #USER}; {@code ROUND <n> <epoch millis>
 * <threads>} makes {@code threads} calls at that instant and prints {@code RESULT <n> ok=.. failed=.. authRequired=..
 * maxMillis=..} (and the failures); {@code EXIT} (or the end of stdin) ends it.
 */
@QuarkusMain
public class ClusterNode implements QuarkusApplication {
    /** The one signed-in user whose tokens the nodes share. */
    public static final String USER = "ada";

    @Inject
    @ProcoreClient("cluster")
    ProcoreConnection cluster;

    @Override
    public int run(String... args) throws Exception {
        ProcoreConnection user = cluster.forSubject(USER);
        CompaniesApi procore = user.client(CompaniesApi.class);
        int poolSize = Integer.getInteger("node.threads", 200);
        ExecutorService pool = Executors.newFixedThreadPool(poolSize);
        System.out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = in.readLine()) != null && !line.equals("EXIT")) {
                String[] cmd = line.split(" ");
                if (cmd[0].equals("SIGNIN")) {
                    user.exchangeCode(cmd[1]);
                    System.out.println("SIGNED-IN");
                } else if (cmd[0].equals("ROUND")) {
                    round(pool, procore, Integer.parseInt(cmd[1]), Long.parseLong(cmd[2]), Integer.parseInt(cmd[3]));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return 0;
    }

    private static void round(ExecutorService pool, CompaniesApi procore, int round, long start, int threads) {
        List<Future<Long>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            calls.add(pool.submit(() -> {
                long wait = start - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                long t0 = System.nanoTime();
                if (procore.me().login() == null) {
                    throw new IllegalStateException("no login in the answer");
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
                if (cause instanceof ProcoreAuthorizationRequiredException) {
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
}
