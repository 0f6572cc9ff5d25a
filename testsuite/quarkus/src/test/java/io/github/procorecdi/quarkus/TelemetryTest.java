package io.github.procorecdi.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.simulator.ProcoreSimulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Metrics and the {@code procore.token} span on quarkus-opentelemetry, exported over OTLP to a receiver on 127.0.0.1:
 * procore-cdi finds the application's {@code OpenTelemetry} bean.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(FeatureConnectionsResource.class)
class TelemetryTest {
    @Inject
    FeatureUses uses;

    @Test
    void aTokenRequestIsCountedAndTracedWithoutASecret() throws Exception {
        ProcoreSimulator sim = SimulatorResource.sim();
        sim.expireAccessTokens();
        int before = sim.counters().tokenRequests();
        assertThat(uses.named().list()).isNotEmpty(); // a token request: the old token expired
        assertThat(sim.counters().tokenRequests()).isGreaterThan(before);
        OtlpReceiver otlp = FeatureConnectionsResource.otlp();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !(otlp.metricsContain("procore.token.requests", "named")
                && otlp.tracesContain("procore.token", "named"))) {
            Thread.sleep(200);
        }
        assertThat(otlp.metricsContain("procore.token.requests", "connection", "named", "outcome", "success"))
                .as("metrics export (" + otlp.exports() + " exports)").isTrue();
        assertThat(otlp.tracesContain("procore.token", "grant", "client_credentials", "named")).as("span export").isTrue();
        assertThat(otlp.anyContains(ProcoreSimulator.DMSA_CLIENT_SECRET)).as("no secret exported").isFalse();
    }
}
