package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.procorecdi.IntegrationObservation;
import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.simulator.ProcoreSimulator;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * Two nodes (two CDI containers, as two JVMs would be) on one PostgreSQL token table: each adds its API call counts to
 * {@code <table>_activity}, so that either node's activity report covers both and equals the simulator's.
 */
@ExtendWith(ResetSimulator.class)
class SharedActivityTest {
    final ProcoreSimulator sim = Sim.get();
    final String table = "procore_tokens_act" + Math.abs(ThreadLocalRandom.current().nextInt());
    final List<WeldContainer> nodes = new ArrayList<>();

    @Dependent
    public static class Node {
        @Inject @ProcoreClient ProcoreConnection connection;
    }

    ProcoreConnection node() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.put("procore.default.token-store", "jdbc");
        config.put("procore.default.token-store.jdbc-url", SharedJdbcStoreTest.URL);
        config.put("procore.default.token-store.username", "postgres");
        config.put("procore.default.token-store.table", table);
        WeldContainer c = WeldBoot.boot(config, Node.class, HealthApi.class);
        nodes.add(c);
        return c.select(Node.class).get().connection;
    }

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(WeldContainer::close);
        SharedJdbcStoreTest.dropTable(table + "_activity");
        SharedJdbcStoreTest.dropTable(table);
    }

    @Test
    void eitherNodesReportCoversBothAndEqualsTheSimulators() throws Exception {
        ProcoreConnection a = node();
        ProcoreConnection b = node();
        HealthApi apiA = a.client(HealthApi.class);
        HealthApi apiB = b.client(HealthApi.class);
        for (int i = 0; i < 5; i++) {
            apiA.projects(101);
        }
        assertThatThrownBy(() -> apiA.project(987_654_321L)).isInstanceOf(ProcoreApiException.class);
        for (int i = 0; i < 3; i++) {
            apiB.projects(101);
        }
        sim.faults().failNextApiCalls(1, 429, null);
        apiB.projects(101); // a 429, retried: 200
        apiB.companies();

        assertThat(a.integrationHealth().activityReport()).as("a node sees its own calls at once")
                .contains(",200,GET,/rest/v1.0/projects,5\n").doesNotContain("/rest/v1.0/companies");
        Internals.runtime(a).flushActivity();
        Internals.runtime(b).flushActivity();
        String procore = sim.activityReport();
        assertThat(procore).contains(",200,GET,/rest/v1.0/projects,9\n").contains(",429,GET,/rest/v1.0/projects,1\n");
        assertThat(a.integrationHealth().activityReport()).as("node A: both nodes' calls").isEqualTo(procore);
        assertThat(b.integrationHealth().activityReport()).as("node B: both nodes' calls").isEqualTo(procore);
        assertThat(a.integrationHealth().observations()).allSatisfy(o -> assertThat(o.calls()).isEqualTo(12));
        assertThat(a.integrationHealth().observations()).filteredOn(o -> o.signal() == IntegrationObservation.Signal.RATE_LIMITED_429)
                .singleElement().satisfies(o -> assertThat(o.count()).isEqualTo(1));

        // one row per day, company, method, route, code and marks; writing again adds nothing that was written
        Internals.runtime(a).flushActivity();
        Internals.runtime(b).flushActivity();
        try (Connection c = DriverManager.getConnection(SharedJdbcStoreTest.URL, "postgres", null); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*), SUM(calls) FROM " + table + "_activity")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(4); // projects 200, 429; project 404; companies 200
            assertThat(r.getLong(2)).isEqualTo(12);
        }
        assertThat(b.integrationHealth().activityReport()).isEqualTo(procore);
    }
}
