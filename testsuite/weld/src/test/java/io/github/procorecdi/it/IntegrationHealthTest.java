package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.procorecdi.IntegrationHealth;
import io.github.procorecdi.IntegrationObservation;
import io.github.procorecdi.IntegrationObservation.Signal;
import io.github.procorecdi.IntegrationObservation.State;
import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreAppNotConnectedException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.simulator.ProcoreSimulator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * A run of mixed calls against the simulator (200s, a 401 renewal, a 403 "not connected", a 404, 429s with retries, a
 * call without Procore-Company-Id, a deprecated endpoint, a deprecated method, a private route): the application's
 * activity report equals the simulator's, row for row, and every observation has the state its rule gives.
 */
@ExtendWith(ResetSimulator.class)
class IntegrationHealthTest {

    @Dependent
    public static class Uses {
        @Inject @ProcoreClient("health") ProcoreConnection connection;
    }

    static Map<String, String> config() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("health"));
        config.remove("procore.health.company-id"); // companies per job (forCompany): one call goes without
        config.put("procore.health.health.private-routes", "/rest/v1.0/me");
        return config;
    }

    @Test
    @SuppressWarnings("deprecation") // calls a @Deprecated interface method on purpose: Procore counts it as deprecated usage
    void theApplicationsReportEqualsProcoresRowForRowAndEachObservationHasItsState() throws Exception {
        ProcoreSimulator sim = Sim.get();
        try (WeldContainer c = WeldBoot.boot(config(), Uses.class, HealthApi.class)) {
            ProcoreConnection connection = c.select(Uses.class).get().connection;
            HealthApi company101 = connection.forCompany(101).client(HealthApi.class);
            HealthApi company202 = connection.forCompany(202).client(HealthApi.class);
            HealthApi noCompany = connection.client(HealthApi.class);

            for (int i = 0; i < 20; i++) {
                assertThat(company101.projects(101)).isNotEmpty();                  // 20 x 200
            }
            sim.expireAccessTokens();
            assertThat(company101.projects(101)).isNotEmpty();                      // 401, renewal, 200
            sim.faults().failNextApiCalls(2, 429, null);
            assertThat(company101.projects(101)).isNotEmpty();                      // 429, 429, 200
            assertThatThrownBy(() -> company101.project(987_654_321L))             // 404
                    .isInstanceOfSatisfying(ProcoreApiException.class, e -> assertThat(e.status()).isEqualTo(404));
            sim.disconnectCompany(202);
            assertThatThrownBy(() -> company202.projects(202)).isInstanceOf(ProcoreAppNotConnectedException.class); // 403
            assertThatThrownBy(() -> company202.projects(202)).as("paused: nothing sent, nothing counted")
                    .isInstanceOf(ProcoreAppNotConnectedException.class);
            assertThatThrownBy(() -> noCompany.projects(101))                      // 400, sent without the header
                    .isInstanceOfSatisfying(ProcoreApiException.class, e -> assertThat(e.status()).isEqualTo(400));
            sim.deprecateEndpoint("GET", "/rest/v1.0/companies");
            assertThat(company101.companies()).isNotEmpty();                       // 200 with Deprecation and Sunset
            assertThat(company101.me()).isNotNull();                               // 200 on a route declared private
            assertThat(company101.meTheOldWay()).isNotNull();                      // 200 of a method annotated @Deprecated

            IntegrationHealth health = connection.integrationHealth();
            String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            assertThat(health.activityReport()).as("the application's report is the simulator's").isEqualTo(sim.activityReport());
            assertThat(health.activityReport()).isEqualTo("Date,Response Code,HTTP Method,Normalized Route,Count\n"
                    + day + ",200,GET,/rest/v1.0/companies,1\n"
                    + day + ",200,GET,/rest/v1.0/me,2\n"
                    + day + ",200,GET,/rest/v1.0/projects,22\n"
                    + day + ",400,GET,/rest/v1.0/projects,1\n"
                    + day + ",401,GET,/rest/v1.0/projects,1\n"
                    + day + ",403,GET,/rest/v1.0/projects,1\n"
                    + day + ",429,GET,/rest/v1.0/projects,2\n"
                    + day + ",404,GET,/rest/v1.0/projects/{id},1\n");

            // 31 calls today. Error answers: CRITICAL at 5% of the day's calls (2 of 31 is 6.5%), else WARNING, and one
            // warning day is isolated (HEALTHY); any compliance signal today is CRITICAL, and critical today needs attention.
            Map<Signal, IntegrationObservation> all = bySignal(health);
            assertThat(all.values()).allSatisfy(o -> assertThat(o.calls()).isEqualTo(31));
            assertThat(all.get(Signal.FORBIDDEN_403)).isEqualTo(observation(Signal.FORBIDDEN_403, State.HEALTHY, 1, 31));
            assertThat(all.get(Signal.NOT_FOUND_404)).isEqualTo(observation(Signal.NOT_FOUND_404, State.HEALTHY, 1, 31));
            assertThat(all.get(Signal.RATE_LIMITED_429)).isEqualTo(observation(Signal.RATE_LIMITED_429, State.NEEDS_ATTENTION, 2, 31));
            assertThat(all.get(Signal.UNAUTHORIZED_401)).isEqualTo(observation(Signal.UNAUTHORIZED_401, State.HEALTHY, 1, 31));
            assertThat(all.get(Signal.MISSING_COMPANY_ID)).isEqualTo(observation(Signal.MISSING_COMPANY_ID, State.NEEDS_ATTENTION, 1, 31));
            assertThat(all.get(Signal.DEPRECATED_ENDPOINT)).isEqualTo(observation(Signal.DEPRECATED_ENDPOINT, State.NEEDS_ATTENTION, 2, 31));
            assertThat(all.get(Signal.PRIVATE_ENDPOINT)).isEqualTo(observation(Signal.PRIVATE_ENDPOINT, State.NEEDS_ATTENTION, 2, 31));

            // the readiness check carries them as data, and stays UP
            org.eclipse.microprofile.health.HealthCheckResponse readiness = ReadinessTest.checks(c).get("procore-cdi:health");
            assertThat(readiness.getStatus()).isEqualTo(org.eclipse.microprofile.health.HealthCheckResponse.Status.UP);
            assertThat(readiness.getData().orElseThrow()).containsEntry("integration-health", "NEEDS_ATTENTION")
                    .containsEntry("integration-health.forbidden-403", "HEALTHY 1/31")
                    .containsEntry("integration-health.rate-limited-429", "NEEDS_ATTENTION 2/31")
                    .containsEntry("integration-health.private-endpoint", "NEEDS_ATTENTION 2/31");

            // per company: 202 had one call, its 403
            Map<Signal, IntegrationObservation> of202 = bySignal(connection.forCompany(202).integrationHealth());
            assertThat(of202.get(Signal.FORBIDDEN_403)).isEqualTo(observation(Signal.FORBIDDEN_403, State.NEEDS_ATTENTION, 1, 1));
            assertThat(connection.forCompany(202).integrationHealth().activityReport())
                    .isEqualTo("Date,Response Code,HTTP Method,Normalized Route,Count\n" + day + ",403,GET,/rest/v1.0/projects,1\n");
            Map<Signal, IntegrationObservation> of101 = bySignal(connection.forCompany(101).integrationHealth());
            assertThat(of101.get(Signal.FORBIDDEN_403).count()).isZero();
            assertThat(of101.get(Signal.MISSING_COMPANY_ID).count()).isZero();
            assertThat(of101.get(Signal.RATE_LIMITED_429).calls()).isEqualTo(29);
        } finally {
            sim.connectCompany(202);
        }
    }

    private static Map<Signal, IntegrationObservation> bySignal(IntegrationHealth health) {
        return health.observations().stream().collect(Collectors.toMap(IntegrationObservation::signal, Function.identity()));
    }

    private static IntegrationObservation observation(Signal signal, State state, long count, long calls) {
        return new IntegrationObservation(signal, state, count, calls);
    }

    @Test
    void completionStageCallsAreCountedLikeSynchronousOnesAndALostAnswerIsNotACall() throws Exception {
        ProcoreSimulator sim = Sim.get();
        try (WeldContainer c = WeldBoot.boot(config(), Uses.class, AsyncApi.class)) {
            ProcoreConnection connection = c.select(Uses.class).get().connection;
            AsyncApi api = connection.forCompany(101).client(AsyncApi.class);
            sim.faults().failNextApiCalls(1, 429, null);
            assertThat(api.projects(101).toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS)).isNotEmpty();
            assertThat(api.companies().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS)).isNotEmpty();
            sim.faults().dropNextApiResponses(1); // no answer: Procore answered nothing, so neither side counts it; the retry does
            assertThat(api.projects(101).toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS)).isNotEmpty();
            String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            assertThat(connection.integrationHealth().activityReport()).isEqualTo(sim.activityReport()).isEqualTo(
                    "Date,Response Code,HTTP Method,Normalized Route,Count\n"
                    + day + ",200,GET,/rest/v1.0/companies,1\n"
                    + day + ",200,GET,/rest/v1.0/projects,2\n"
                    + day + ",429,GET,/rest/v1.0/projects,1\n");
            assertThat(connection.forCompany(101).integrationHealth().observations()).allSatisfy(o -> assertThat(o.calls()).isEqualTo(4));
        }
    }
}
