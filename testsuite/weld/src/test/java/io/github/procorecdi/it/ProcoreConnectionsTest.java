package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreConfigurationException;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreConnections;
import io.github.procorecdi.simulator.ProcoreSimulator;

/** The Java SE entry point (DESIGN.md, "Java SE without CDI"): no container, the same keys, validation and engine. */
class ProcoreConnectionsTest {
    static ProcoreSimulator sim = Sim.get();

    static Map<String, String> dmsa() {
        Map<String, String> p = new HashMap<>();
        Sim.dmsa("se").forEach((k, v) -> p.put(k.substring("procore.se.".length()), v));
        return p;
    }

    @Test
    void aServiceAccountWithoutCdiCallsProcoreAndCloses() {
        ProcoreConnection dmsa = ProcoreConnections.open("se", dmsa());
        try {
            assertThat(dmsa.name()).isEqualTo("se");
            assertThat(dmsa.grantType()).isEqualTo(GrantType.CLIENT_CREDENTIALS);
            assertThat(dmsa.client(CompaniesApi.class).list()).isNotEmpty();
            assertThat(dmsa.forCompany(101).accessToken().value()).isNotBlank();
        } finally {
            ProcoreConnections.close(dmsa);
        }
    }

    @Test
    void keysMayCarryTheirFullPrefix() {
        ProcoreConnection dmsa = ProcoreConnections.open("se", new HashMap<>(Sim.dmsa("se")));
        try {
            assertThat(dmsa.accessToken()).isNotNull();
        } finally {
            ProcoreConnections.close(dmsa);
        }
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsProperty() {
        Map<String, String> p = dmsa();
        String secret = p.get("client-secret");
        p.remove("client-id");
        p.put("grant-type", "password");
        p.put("read-timeout", "thirty seconds");
        p.put("token-store", "myStoreBean");
        assertThatThrownBy(() -> ProcoreConnections.open("se", p)).isInstanceOfSatisfying(ProcoreConfigurationException.class, e -> {
            assertThat(e.problems()).anySatisfy(l -> assertThat(l).startsWith("procore.se.client-id:"));
            assertThat(e.problems()).anySatisfy(l -> assertThat(l).startsWith("procore.se.grant-type:"));
            assertThat(e.problems()).anySatisfy(l -> assertThat(l).startsWith("procore.se.read-timeout:"));
            assertThat(e.problems()).anySatisfy(l -> assertThat(l).startsWith("procore.se.token-store:"));
            assertThat(e.getMessage()).doesNotContain(secret);
        });
    }
}
