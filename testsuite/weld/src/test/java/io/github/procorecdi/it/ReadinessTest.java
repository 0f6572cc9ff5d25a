package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.simulator.ProcoreSimulator;

/** One readiness check per connection: UP with its data, DOWN with a reason and no secret; cheap to probe. */
class ReadinessTest {
    final ProcoreSimulator sim = Sim.get();

    @BeforeEach
    void reset() {
        sim.reset();
    }

    static Map<String, HealthCheckResponse> checks(WeldContainer c) {
        return c.select(HealthCheck.class, Readiness.Literal.INSTANCE).stream().map(HealthCheck::call)
                .collect(Collectors.toMap(HealthCheckResponse::getName, r -> r));
    }

    @Test
    void eachConnectionHasAReadinessCheckThatSaysWhatIsWrong() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("dmsa"));
        config.putAll(Sim.dmsa("wrong", ProcoreSimulator.DMSA_CLIENT_ID, "not-the-secret-0451"));
        config.putAll(Sim.web("web", AuthorizationCodeTest.REDIRECT));
        config.putAll(Sim.dmsa("nodb"));
        config.put("procore.nodb.token-store", "jdbc");
        config.put("procore.nodb.token-store.jdbc-url", "jdbc:postgresql://127.0.0.1:1/test?password=hunter2-db");
        try (WeldContainer c = WeldBoot.boot(config, WebhookObservers.class)) {
            Map<String, HealthCheckResponse> checks = checks(c);
            assertThat(checks.keySet()).containsExactlyInAnyOrder("procore-cdi:dmsa", "procore-cdi:wrong", "procore-cdi:web", "procore-cdi:nodb");

            HealthCheckResponse dmsa = checks.get("procore-cdi:dmsa");
            assertThat(dmsa.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(dmsa.getData().orElseThrow()).containsEntry("grant", "client_credentials").containsEntry("store", "memory")
                    .containsKey("token-expires-at");

            HealthCheckResponse web = checks.get("procore-cdi:web");
            assertThat(web.getStatus()).as("no user needs to be signed in").isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(web.getData().orElseThrow()).containsEntry("grant", "authorization_code").doesNotContainKey("token-expires-at");

            HealthCheckResponse wrong = checks.get("procore-cdi:wrong");
            assertThat(wrong.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(String.valueOf(wrong.getData().orElseThrow().get("reason"))).contains("invalid_client").contains("client-secret")
                    .doesNotContain("not-the-secret-0451");

            HealthCheckResponse nodb = checks.get("procore-cdi:nodb");
            assertThat(nodb.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(String.valueOf(nodb.getData().orElseThrow().get("reason"))).startsWith("token store unreachable")
                    .doesNotContain("hunter2-db");

            // cheap: a held token is reported without a request, a failed one is not asked again at every probe
            int tokenRequests = sim.counters().tokenRequests("client_credentials");
            for (int i = 0; i < 20; i++) {
                checks(c);
            }
            assertThat(sim.counters().tokenRequests("client_credentials")).as("20 more probes of both DMSA connections")
                    .isEqualTo(tokenRequests);
            assertThat(checks(c).get("procore-cdi:wrong").getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        }
    }
}
