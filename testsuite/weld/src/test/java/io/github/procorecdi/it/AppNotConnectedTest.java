package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreAppNotConnectedException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.simulator.ProcoreSimulator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** A company that disconnected the app: one 403, then calls for it fail at once sending nothing, for not-connected-pause. */
class AppNotConnectedTest {

    @Dependent
    public static class Uses {
        @Inject @ProcoreClient ProcoreConnection connection;
    }

    @Test
    void callsForADisconnectedCompanyFailAtOnceForThePauseAndOtherCompaniesAreUnaffected() throws Exception {
        ProcoreSimulator sim = Sim.get();
        sim.disconnectCompany(202);
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.put("procore.default.not-connected-pause", "PT1.5S");
        try (WeldContainer c = WeldBoot.boot(config, Uses.class, ProjectsApi.class)) {
            ProcoreConnection connection = c.select(Uses.class).get().connection;
            ProjectsApi disconnected = connection.forCompany(202).client(ProjectsApi.class);
            ProjectsApi connected = connection.forCompany(101).client(ProjectsApi.class);

            int before = sim.counters().apiRequests();
            assertThatThrownBy(() -> disconnected.list(202)).isInstanceOfSatisfying(ProcoreAppNotConnectedException.class, e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.companyId()).isEqualTo(202L);
                assertThat(e.getMessage()).contains("App is not connected to this company");
            });
            assertThat(sim.counters().apiRequests() - before).as("a 403 is not retried").isEqualTo(1);

            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> disconnected.list(202)).isInstanceOfSatisfying(ProcoreAppNotConnectedException.class,
                        e -> assertThat(e.companyId()).isEqualTo(202L));
            }
            assertThat(sim.counters().apiRequests() - before).as("nothing sent while paused").isEqualTo(1);
            assertThat(connected.list(101)).as("another company is unaffected").isNotEmpty();
            assertThatThrownBy(() -> disconnected.list("202", 202)).as("the call's own header is checked too")
                    .isInstanceOf(ProcoreAppNotConnectedException.class);

            sim.connectCompany(202); // the company installs the app
            Thread.sleep(1700);
            assertThat(disconnected.list(202)).as("after the pause the call is sent again").isNotEmpty();
            ((AutoCloseable) disconnected).close();
            ((AutoCloseable) connected).close();
        } finally {
            sim.connectCompany(202);
        }
    }
}
