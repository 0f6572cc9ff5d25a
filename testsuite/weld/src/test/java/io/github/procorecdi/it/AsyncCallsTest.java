package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.simulator.ProcoreSimulator;
import io.github.procorecdi.simulator.RecordedRequest;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** CompletionStage methods follow the synchronous rules (401 renewal, retries, pacing, exceptions), scheduling their waits. */
class AsyncCallsTest {
    static WeldContainer weld;
    static Uses uses;
    final ProcoreSimulator sim = Sim.get();

    @Dependent
    public static class Uses {
        @Inject @ProcoreClient AsyncApi api;
        @Inject @ProcoreClient ProcoreConnection connection;
    }

    @BeforeAll
    static void boot() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        weld = WeldBoot.boot(config, Uses.class, AsyncApi.class);
        uses = weld.select(Uses.class).get();
    }

    @AfterAll
    static void shutdown() {
        weld.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    static Throwable failureOf(CompletableFuture<?> stage) throws Exception {
        try {
            stage.get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void a503WithRetryAfterIsRetriedAndTheStageCompletesWithTheAnswer() throws Exception {
        sim.faults().failNextApiCalls(2, 503, 1);
        long start = System.nanoTime();
        CompletableFuture<List<Company>> stage = uses.api.companies().toCompletableFuture();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the call returned before its retries").isLessThan(Duration.ofMillis(900));
        assertThat(stage.get(30, TimeUnit.SECONDS)).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Retry-After honoured twice").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(sim.apiRequests()).extracting(RecordedRequest::status).containsExactly(503, 503, 200);
        assertThat(sim.apiRequests()).allSatisfy(r -> assertThat(r.header("Procore-Company-Id")).isEqualTo("101"));
    }

    @Test
    void fiftyCallsWaitingForARetryHoldNoThread() throws Exception {
        sim.faults().failNextApiCalls(50, 503, 2);
        List<CompletableFuture<List<Company>>> stages = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            stages.add(uses.api.companies().toCompletableFuture());
        }
        Thread.sleep(1_200); // every call has had its 503 and waits for its Retry-After
        ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
        long sleeping = Arrays.stream(threads).filter(t -> Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().startsWith("io.github.procorecdi") && f.getMethodName().equals("sleep"))).count();
        assertThat(sleeping).as("threads sleeping in procore-cdi while 50 calls wait").isZero();
        for (CompletableFuture<List<Company>> s : stages) {
            assertThat(s.get(30, TimeUnit.SECONDS)).hasSize(2);
        }
        assertThat(sim.counters().apiResponses(503)).isEqualTo(50);
        assertThat(sim.counters().apiResponses(200)).isEqualTo(50);
    }

    @Test
    void a401IsAnsweredWithOneRenewalAndOneRetry() throws Exception {
        uses.api.companies().toCompletableFuture().get(30, TimeUnit.SECONDS);
        int tokenRequests = sim.counters().tokenRequests("client_credentials");
        sim.revokeAll();
        assertThat(uses.api.companies().toCompletableFuture().get(30, TimeUnit.SECONDS)).hasSize(2);
        assertThat(sim.counters().tokenRequests("client_credentials")).isEqualTo(tokenRequests + 1);
        assertThat(sim.apiRequests()).extracting(RecordedRequest::status).endsWith(401, 200);
    }

    @Test
    void failuresCompleteTheStageWithProcoreExceptionsAndPostsAreNotRetried() throws Exception {
        assertThat(failureOf(uses.api.projects(999).toCompletableFuture()))
                .isInstanceOfSatisfying(ProcoreApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        sim.reset();
        sim.faults().failNextApiCalls(1, 502, null);
        assertThat(failureOf(uses.api.create(Map.of("company_id", 101, "project", Map.of("name", "X"))).toCompletableFuture()))
                .isInstanceOfSatisfying(ProcoreApiException.class, e -> assertThat(e.status()).isEqualTo(502));
        assertThat(sim.counters().apiRequests()).as("a POST after a 502 is not sent again").isEqualTo(1);
    }

    @Test
    void aSpentRateLimitDelaysTheNextCallWithoutA429() throws Exception {
        sim.rateLimit(1, Duration.ofSeconds(2));
        assertThat(uses.api.companies().toCompletableFuture().get(30, TimeUnit.SECONDS)).hasSize(2);
        long start = System.nanoTime();
        assertThat(uses.api.companies().toCompletableFuture().get(30, TimeUnit.SECONDS)).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for the reset").isGreaterThan(Duration.ofMillis(500));
        assertThat(sim.counters().apiResponses(429)).isZero();
    }

    @Test
    void forCompanyTravelsWithTheAsynchronousRequest() throws Exception {
        AsyncApi other = uses.connection.forCompany(202).client(AsyncApi.class);
        assertThat(other.projects(202).toCompletableFuture().get(30, TimeUnit.SECONDS)).hasSize(100);
        assertThat(sim.lastApiRequest().header("Procore-Company-Id")).isEqualTo("202");
        ((AutoCloseable) other).close();
    }
}
