package io.github.procorecdi.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.servers.app.CompaniesApi;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * One node of the cluster test, run in its own JVM: configuration comes from {@code -Dprocore.*}
 * system properties; at the given instant {@code threads} threads each make one API call; prints
 * {@code RESULT ok=<n> failed=<n>} and each failure.
 */
public final class ClusterNode {

    @Dependent
    public static class App {
        @Inject
        @ProcoreClient
        CompaniesApi procore;
    }

    private ClusterNode() {
    }

    public static void main(String[] args) throws Exception {
        Instant start = Instant.parse(args[0]);
        int threads = Integer.parseInt(args[1]);
        try (WeldContainer container = new Weld().disableDiscovery().addBeanClasses(App.class, CompaniesApi.class)
                .addExtension(new io.github.procorecdi.extension.ProcoreExtension()).initialize()) {
            App app = container.select(App.class).get();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(pool.submit(() -> {
                    long wait = start.toEpochMilli() - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    return app.procore.me().name();
                }));
            }
            int ok = 0;
            int failed = 0;
            for (Future<String> f : calls) {
                try {
                    if ("Ada Lovelace".equals(f.get(60, TimeUnit.SECONDS))) {
                        ok++;
                    } else {
                        failed++;
                    }
                } catch (Exception e) {
                    failed++;
                    System.out.println("FAILURE " + e.getCause());
                }
            }
            pool.shutdownNow();
            System.out.println("RESULT ok=" + ok + " failed=" + failed);
        }
    }
}
