package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.simulator.ProcoreSimulator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** One app, many companies: forCompany, its precedence, and its combination with forSubject (on the wire). */
class CompaniesTest {

    @Dependent
    public static class Uses {
        @Inject @ProcoreClient ProjectsApi projects;
        @Inject @ProcoreClient ProcoreConnection connection;
        @Inject @ProcoreClient("user") ProcoreConnection user;
    }

    static String sentCompany(ProcoreSimulator sim) {
        return sim.lastApiRequest().header("Procore-Company-Id");
    }

    @Test
    void theCallsHeaderWinsOverForCompanyWhichWinsOverCompanyId() throws Exception {
        ProcoreSimulator sim = Sim.get();
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.put("procore.default.company-id", "101");
        config.putAll(Sim.web("user", AuthorizationCodeTest.REDIRECT));
        try (WeldContainer c = WeldBoot.boot(config, Uses.class, ProjectsApi.class)) {
            Uses uses = c.select(Uses.class).get();
            uses.projects.list(101);
            assertThat(sentCompany(sim)).as("company-id").isEqualTo("101");

            ProjectsApi forOther = uses.connection.forCompany(202).client(ProjectsApi.class);
            try {
                forOther.list(202);
                assertThat(sentCompany(sim)).as("forCompany wins over company-id").isEqualTo("202");
                forOther.list("101", 101);
                assertThat(sentCompany(sim)).as("the call's own header wins over forCompany").isEqualTo("101");
            } finally {
                ((AutoCloseable) forOther).close();
            }
            uses.projects.list(101);
            assertThat(sentCompany(sim)).as("the injected client is unaffected").isEqualTo("101");

            assertThat(uses.connection.forCompany(202).toString()).contains("company=202");
            assertThatThrownBy(() -> uses.connection.forCompany(0)).isInstanceOf(IllegalArgumentException.class);

            // forSubject and forCompany combine in either order: the user's token and the company, on the wire
            uses.user.forSubject("ada").exchangeCode(Sim.code("ada@example.com", AuthorizationCodeTest.REDIRECT));
            String adasToken = "Bearer " + uses.user.forSubject("ada").accessToken().value();
            for (ProcoreConnection bound : new ProcoreConnection[] {uses.user.forSubject("ada").forCompany(202),
                    uses.user.forCompany(202).forSubject("ada")}) {
                ProjectsApi projects = bound.client(ProjectsApi.class);
                try {
                    projects.list(202);
                } finally {
                    ((AutoCloseable) projects).close();
                }
                assertThat(sentCompany(sim)).isEqualTo("202");
                assertThat(sim.lastApiRequest().header("Authorization")).isEqualTo(adasToken);
            }
        }
    }
}
