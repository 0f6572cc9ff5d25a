package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcorePages;
import io.github.procorecdi.ProcoreRateLimitException;
import io.github.procorecdi.simulator.ProcoreSimulator;
import io.github.procorecdi.simulator.RecordedRequest;
import jakarta.inject.Inject;

/** Issue 4: 401 recovery, retries, rate-limit pacing, typed errors, timeouts, pagination. */
@ExtendWith({ArquillianExtension.class, ResetSimulator.class})
class ResilienceTest {

    @Deployment
    static JavaArchive deployment() {
        Map<String, String> config = new TreeMap<>();
        config.putAll(Sim.dmsa("default"));
        config.put("procore.default.company-id", "101");
        config.putAll(Sim.dmsa("once"));
        config.put("procore.once.max-retries", "1");
        config.putAll(Sim.dmsa("timeout"));
        config.put("procore.timeout.read-timeout", "PT0.5S");
        config.put("procore.timeout.max-retries", "0");
        config.putAll(Sim.dmsa("paced", Sim.SECOND_DMSA_ID, Sim.SECOND_DMSA_SECRET));
        config.putAll(Sim.dmsa("far", Sim.SECOND_DMSA_ID, Sim.SECOND_DMSA_SECRET));
        return ShrinkWrap.create(JavaArchive.class, "resilience.jar")
                .addClasses(ResilienceClients.class, CompaniesApi.class, CompanyAnswersApi.class, ProjectsPagesApi.class, ProjectsPagesApi.NewProject.class,
                        ProjectsPagesApi.ProjectFields.class, Company.class, Project.class, Me.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsManifestResource(new StringAsset(Sim.properties(config)), "microprofile-config.properties");
    }

    @Inject
    ResilienceClients clients;

    ProcoreSimulator sim = Sim.get();

    // ---- 401

    @Test
    void aSecond401SurfacesAsProcoreApiException401() {
        clients.companies.list();
        int tokens = sim.counters().tokenRequests();
        sim.faults().failNextApiCalls(2, 401, null);

        assertThatThrownBy(() -> clients.companies.list())
                .isInstanceOfSatisfying(ProcoreApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(sim.counters().apiRequests()).isEqualTo(3);
        assertThat(sim.counters().tokenRequests()).isEqualTo(tokens + 1);
    }

    // ---- retries

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() {
        clients.companies.list();
        sim.reset();
        sim.faults().failNextApiCalls(1, 429, 1);
        long start = System.nanoTime();

        assertThat(clients.companies.list()).hasSize(2);

        long waitedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(waitedMillis).as("Retry-After: 1 honored").isGreaterThanOrEqualTo(1000);
        assertThat(sim.counters().apiResponses(429)).isEqualTo(1);
        assertThat(sim.counters().apiResponses(200)).isEqualTo(1);
    }

    @Test
    void serviceUnavailableIsRetriedEvenForAPost() {
        sim.faults().failNextApiCalls(1, 503, 1);
        Project created = clients.projects.create(101, new ProjectsPagesApi.NewProject(101, new ProjectsPagesApi.ProjectFields("Pier 9")));
        assertThat(created.name()).isEqualTo("Pier 9");
        assertThat(posts()).hasSize(2);
    }

    @Test
    void badGatewayIsRetriedForGetButNotForPost() {
        clients.companies.list();
        sim.reset();
        sim.faults().failNextApiCalls(1, 502, null);
        assertThat(clients.companies.list()).hasSize(2);
        assertThat(sim.counters().apiRequests()).isEqualTo(2);

        sim.reset();
        sim.faults().failNextApiCalls(1, 502, null);
        assertThatThrownBy(() -> clients.projects.create(101,
                new ProjectsPagesApi.NewProject(101, new ProjectsPagesApi.ProjectFields("Dock 4"))))
                .isInstanceOfSatisfying(ProcoreApiException.class, e -> assertThat(e.status()).isEqualTo(502));
        assertThat(posts()).hasSize(1);
    }

    @Test
    void aLostAnswerIsRetriedForGetButNotForPost() {
        clients.companies.list();
        sim.reset();
        sim.faults().dropNextApiResponses(1);
        assertThat(clients.companies.list()).hasSize(2);
        assertThat(sim.counters().apiRequests()).isEqualTo(2);

        sim.reset();
        sim.faults().dropNextApiResponses(1);
        assertThatThrownBy(() -> clients.projects.create(101,
                new ProjectsPagesApi.NewProject(101, new ProjectsPagesApi.ProjectFields("Dock 5"))))
                .isInstanceOf(ProcoreException.class)
                .hasMessageContaining("POST");
        assertThat(posts()).hasSize(1);
    }

    @Test
    void afterTheLastRetryA429IsARateLimitExceptionWithResetAt() {
        clients.onceCompanies.list();
        sim.reset();
        sim.faults().failNextApiCalls(2, 429, 1);
        Instant before = Instant.now();

        assertThatThrownBy(() -> clients.onceCompanies.list())
                .isInstanceOfSatisfying(ProcoreRateLimitException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.resetAt()).isAfter(before);
                });
        assertThat(sim.counters().apiRequests()).as("one try + max-retries=1").isEqualTo(2);
    }

    @Test
    void aRetryAfterBeyondTheBoundIsNotWaitedFor() {
        clients.farCompanies.list();
        sim.reset();
        sim.faults().failNextApiCalls(1, 429, 3600);
        long start = System.nanoTime();

        assertThatThrownBy(() -> clients.farCompanies.list())
                .isInstanceOfSatisfying(ProcoreRateLimitException.class,
                        e -> assertThat(e.resetAt()).isAfter(Instant.now().plusSeconds(3500)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(sim.counters().apiRequests()).isEqualTo(1);
    }

    @Test
    void readTimeoutBecomesAClearProcoreException() {
        clients.slowCompanies.list();
        sim.faults().apiDelay(Duration.ofSeconds(2));
        assertThatThrownBy(() -> clients.slowCompanies.list())
                .isInstanceOf(ProcoreException.class)
                .hasMessageContaining("timed out")
                .hasMessageContaining("read-timeout PT0.5S");
    }

    // ---- errors

    @Test
    void nonSuccessAnswersAreProcoreApiExceptionsWithProcoreDetails() {
        assertThatThrownBy(() -> clients.projects.create(101, new ProjectsPagesApi.NewProject(101, new ProjectsPagesApi.ProjectFields(" "))))
                .isInstanceOfSatisfying(ProcoreApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("422").contains("can't be blank");
                    assertThat(e.body()).contains("errors");
                    assertThat(e.header("content-type")).contains("application/json");
                });
        assertThatThrownBy(() -> clients.projects.create(101, new ProjectsPagesApi.NewProject(202, new ProjectsPagesApi.ProjectFields("x"))))
                .isInstanceOfSatisfying(ProcoreApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    // ---- pacing

    @Test
    void whenRemainingReachesZeroNoThreadSendsUntilTheReset() throws Exception {
        sim.rateLimit(100, Duration.ofSeconds(6)); // 100 calls must fit in one window, also on a loaded 2-core machine
        clients.pacedCompanies.list();
        for (int i = 1; i < 99; i++) {
            clients.pacedCompanies.list();
        }
        Instant reset;
        try (jakarta.ws.rs.core.Response hundredth = clients.pacedAnswers.companies()) { // the same call, its answer's headers read
            assertThat(hundredth.getStatus()).isEqualTo(200);
            assertThat(hundredth.getHeaderString("X-Rate-Limit-Remaining")).isEqualTo("0");
            reset = Instant.ofEpochSecond(Long.parseLong(hundredth.getHeaderString("X-Rate-Limit-Reset")));
        }
        assertThat(reset).as("the reset Procore announced").isAfter(Instant.now());
        int sentBefore = sim.counters().apiRequests();

        int threads = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Company>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return clients.pacedCompanies.list();
                }));
            }
            go.countDown();
            for (Future<List<Company>> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).hasSize(2);
            }
        } finally {
            pool.shutdownNow();
        }
        List<RecordedRequest> phase2 = sim.apiRequests().subList(sentBefore, sim.apiRequests().size());
        System.out.printf("pacing: %d threads, %d requests sent after Remaining=0, %d answered 200, %d answered 429;"
                        + " first sent %d ms after the reset%n", threads, phase2.size(),
                phase2.stream().filter(r -> r.status() == 200).count(), phase2.stream().filter(r -> r.status() == 429).count(),
                Duration.between(reset, phase2.stream().map(RecordedRequest::receivedAt).min(Instant::compareTo).orElseThrow()).toMillis());
        assertThat(phase2).hasSize(threads);
        assertThat(phase2).as("nothing sent before the announced reset").allSatisfy(r -> assertThat(r.receivedAt()).isAfterOrEqualTo(reset));
        assertThat(sim.counters().apiResponses(429)).isZero();
    }

    @Test
    void aResetBeyondTheBoundFailsFastWithoutSending() {
        sim.rateLimit(1, Duration.ofMinutes(10));
        clients.pacedCompanies.list();
        int sent = sim.counters().apiRequests();

        assertThatThrownBy(() -> clients.pacedCompanies.list())
                .isInstanceOfSatisfying(ProcoreRateLimitException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.resetAt()).isAfter(Instant.now().plusSeconds(500));
                    assertThat(e.getMessage()).contains("no request sent");
                });
        assertThat(sim.counters().apiRequests()).isEqualTo(sent);
    }

    // ---- pagination

    @Test
    void pagesAreStreamedLazilyFollowingTheNextLink() {
        try (Stream<Project> all = ProcorePages.stream(Project.class, page -> clients.projects.page(202, 202, page, 100))) {
            List<Project> projects = all.collect(Collectors.toList());
            assertThat(projects).hasSize(250);
            assertThat(projects.get(0).name()).isEqualTo("Tower Block 001");
            assertThat(projects.get(249).name()).isEqualTo("Tower Block 250");
        }
        assertThat(sim.apiRequests()).extracting(RecordedRequest::query)
                .containsExactly("company_id=202&page=1&per_page=100", "company_id=202&page=2&per_page=100",
                        "company_id=202&page=3&per_page=100");

        sim.reset();
        try (Stream<Project> all = ProcorePages.stream(Project.class, page -> clients.projects.page(202, 202, page, 100))) {
            assertThat(all.limit(5).count()).isEqualTo(5);
        }
        assertThat(sim.counters().apiRequests()).as("only the first page was fetched").isEqualTo(1);
    }

    private List<RecordedRequest> posts() {
        return sim.apiRequests().stream().filter(r -> r.method().equals("POST")).collect(Collectors.toList());
    }
}
