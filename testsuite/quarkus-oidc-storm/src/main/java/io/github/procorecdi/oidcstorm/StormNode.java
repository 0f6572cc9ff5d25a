package io.github.procorecdi.oidcstorm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * One JVM of the storm: calls {@code GET /me} once with the signed-in pair (still valid), prints READY, waits for {@code storm.start} (epoch milliseconds), releases {@code storm.threads}
 * callers of {@code GET /me} together, prints {@code RESULT ok=.. failed=.. maxMillis=.. refreshes=.. refreshFailures=..}
 * and {@code HOLDS <refresh token or none>} (the runner checks it still refreshes), then ends.
 */
@QuarkusMain
public class StormNode implements QuarkusApplication {
    @Inject
    @RestClient
    Me me;
    @Inject
    SignedIn signedIn;
    @ConfigProperty(name = "storm.threads", defaultValue = "200")
    int threads;
    @ConfigProperty(name = "storm.start")
    long start;

    @Override
    public int run(String... args) throws Exception {
        me.me(); // the application has used the signed-in pair before the storm: the filter holds it
        System.out.println("READY");
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong slowest = new AtomicLong();
        List<Thread> callers = new ArrayList<>();
        Map<String, Integer> failures = new TreeMap<>(); // by cause
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    long t0 = System.nanoTime();
                    try {
                        me.me();
                        ok.incrementAndGet();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        String cause = String.valueOf(e.getMessage());
                        synchronized (failures) {
                            failures.merge(cause.length() > 160 ? cause.substring(0, 160) : cause, 1, Integer::sum);
                        }
                    }
                    slowest.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "caller-" + i);
            t.start();
            callers.add(t);
        }
        long wait = start - System.currentTimeMillis();
        if (wait < 0) {
            System.out.println("LATE by " + -wait + " ms");
        } else {
            Thread.sleep(wait);
        }
        go.countDown();
        for (Thread t : callers) {
            t.join();
        }
        failures.forEach((cause, n) -> System.out.println("FAILURE " + n + " callers: " + cause));
        System.out.printf("RESULT ok=%d failed=%d maxMillis=%d refreshes=%d refreshFailures=%d%n", ok.get(), failed.get(),
                slowest.get(), signedIn.refreshes.get(), signedIn.refreshFailures.get());
        String held = signedIn.held.get();
        System.out.println("HOLDS " + (held == null ? "none" : held));
        System.out.flush();
        return 0;
    }
}
