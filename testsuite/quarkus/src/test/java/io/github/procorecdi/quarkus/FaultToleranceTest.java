package io.github.procorecdi.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.simulator.ProcoreSimulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Fault Tolerance annotations with quarkus-smallrye-fault-tolerance: the application's {@code @Retry} on a client
 * interface decides the attempts, and procore-cdi's own retries never multiply them.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(FeatureConnectionsResource.class)
class FaultToleranceTest {
    @Inject
    FeatureUses uses;

    private static long companiesCalls(ProcoreSimulator sim) {
        return sim.apiRequests().stream().filter(q -> q.path().endsWith("/companies")).count();
    }

    @Test
    void theApplicationsRetryDecidesTheAttemptsWithoutMultiplyingProcoreCdis() {
        ProcoreSimulator sim = SimulatorResource.sim();
        assertThat(uses.retried().plain()).isNotEmpty(); // the token and a first answer
        sim.reset();
        sim.faults().failNextApiCalls(100, 503, null);
        try {
            assertThatThrownBy(() -> uses.retried().retried()).isInstanceOfSatisfying(ProcoreApiException.class,
                    e -> assertThat(e.status()).isEqualTo(503));
            long retried = companiesCalls(sim);
            sim.reset();
            sim.faults().failNextApiCalls(100, 503, null);
            assertThatThrownBy(() -> uses.retried().plain()).isInstanceOf(ProcoreApiException.class);
            long plain = companiesCalls(sim);
            System.out.println("[fault tolerance on Quarkus] @Retry(maxRetries = 2): " + retried + " sends; no annotation (max-retries 3): "
                    + plain + " sends");
            assertThat(retried).as("@Retry(maxRetries = 2): 3 sends").isEqualTo(3);
            assertThat(plain).as("no annotation: 1 + max-retries").isEqualTo(4);
        } finally {
            sim.reset();
        }
    }
}
