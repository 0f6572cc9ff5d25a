package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.simulator.ProcoreSimulator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** While a valid token exists no caller waits for a token request: the renewal ahead of expiry runs in the background. */
class RefreshAheadTest {
    final ProcoreSimulator sim = Sim.get();

    @Dependent
    public static class Uses {
        @Inject @ProcoreClient CompaniesApi companies;
        @Inject @ProcoreClient ProcoreConnection connection;
    }

    @Test
    void theCallerThatTriggersARenewalAheadOfExpiryDoesNotWaitForIt() throws Exception {
        sim.reset();
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.put("procore.default.refresh-ahead", "PT3S");
        try (WeldContainer c = WeldBoot.boot(config, Uses.class, CompaniesApi.class)) {
            Uses uses = c.select(Uses.class).get();
            sim.accessTokenLifetime(Duration.ofSeconds(8));
            uses.companies.list(); // the first token
            String first = uses.connection.accessToken().value();
            sim.faults().tokenDelay(Duration.ofMillis(1_500)); // every token request from now on takes 1.5 s
            Thread.sleep(5_200); // inside the 3 s refresh-ahead window (whole-second created_at: up to 1 s earlier)
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<Future<Long>> calls = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    calls.add(pool.submit(() -> {
                        long start = System.nanoTime();
                        uses.companies.list();
                        return Duration.ofNanos(System.nanoTime() - start).toMillis();
                    }));
                }
                List<Long> millis = new ArrayList<>();
                for (Future<Long> f : calls) {
                    millis.add(f.get());
                }
                Collections.sort(millis);
                System.out.println("calls across a refresh ahead of expiry (token request 1.5 s): " + millis + " ms");
                assertThat(millis.get(millis.size() - 1)).as("the slowest of 20 callers, none waiting for the 1.5 s token request")
                        .isLessThan(1_000L);
            } finally {
                pool.shutdownNow();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (uses.connection.accessToken().value().equals(first) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(uses.connection.accessToken().value()).as("renewed in the background").isNotEqualTo(first);
            assertThat(sim.counters().tokenRequests("client_credentials")).as("one renewal").isEqualTo(2);
            assertThat(sim.counters().apiResponses(401)).isZero();
        } finally {
            sim.reset();
        }
    }
}
