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
import java.util.concurrent.TimeUnit;

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
 * {@code <table>_activity} every {@code health.activity-interval} and when it stops, so that either node's activity
 * report covers both and equals the simulator's; a node reads its own counts not written yet at once.
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

    /** @param activityInterval the node's {@code health.activity-interval}, or {@code null} for the default (a minute) */
    ProcoreConnection node(String activityInterval) {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.put("procore.default.token-store", "jdbc");
        config.put("procore.default.token-store.jdbc-url", SharedJdbcStoreTest.URL);
        config.put("procore.default.token-store.username", "postgres");
        config.put("procore.default.token-store.table", table);
        if (activityInterval != null) {
            config.put("procore.default.health.activity-interval", activityInterval);
        }
        WeldContainer c = WeldBoot.boot(config, Node.class, HealthApi.class);
        nodes.add(c);
        return c.select(Node.class).get().connection;
    }

    /** Stops a node as its JVM would stop: the container closes the connection. */
    void stop(int node) {
        nodes.get(node).close();
    }

    @AfterEach
    void stop() throws Exception {
        for (WeldContainer c : nodes) {
            if (c.isRunning()) {
                c.close();
            }
        }
        SharedJdbcStoreTest.dropTable(table + "_activity");
        SharedJdbcStoreTest.dropTable(table);
    }

    @Test
    void eitherNodesReportCoversBothAndEqualsTheSimulators() throws Exception {
        ProcoreConnection a = node("PT1H"); // writes only when it stops, within this test
        ProcoreConnection b = node("PT0.2S");
        HealthApi apiA = a.client(HealthApi.class);
        HealthApi apiB = b.client(HealthApi.class);
        for (int i = 0; i < 5; i++) {
            apiA.projects(101);
        }
        assertThatThrownBy(() -> apiA.project(987_654_321L)).isInstanceOf(ProcoreApiException.class);
        assertThat(a.integrationHealth().activityReport()).as("a node sees its own calls at once, before it writes them")
                .contains(",200,GET,/rest/v1.0/projects,5\n").contains(",404,GET,/rest/v1.0/projects/{id},1\n");
        for (int i = 0; i < 3; i++) {
            apiB.projects(101);
        }
        sim.faults().failNextApiCalls(1, 429, null);
        apiB.projects(101); // a 429, retried: 200
        apiB.companies();
        String procore = sim.activityReport();
        assertThat(procore).contains(",200,GET,/rest/v1.0/projects,9\n").contains(",429,GET,/rest/v1.0/projects,1\n");

        // node B writes every 200 ms: node A's report soon covers both nodes' calls, its own still unwritten
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!a.integrationHealth().activityReport().equals(procore) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(a.integrationHealth().activityReport()).as("node A: both nodes' calls (B's written at its interval)").isEqualTo(procore);
        assertThat(a.integrationHealth().observations()).allSatisfy(o -> assertThat(o.calls()).isEqualTo(12));
        assertThat(a.integrationHealth().observations()).filteredOn(o -> o.signal() == IntegrationObservation.Signal.RATE_LIMITED_429)
                .singleElement().satisfies(o -> assertThat(o.count()).isEqualTo(1));
        assertThat(b.integrationHealth().activityReport()).as("node B: A has not written its counts yet")
                .contains(",200,GET,/rest/v1.0/projects,4\n").doesNotContain("/rest/v1.0/projects/{id}");

        stop(0); // node A writes what is left as it stops
        assertThat(b.integrationHealth().activityReport()).as("node B: both nodes' calls").isEqualTo(procore);

        // one row per day, company, method, route, code and marks; writing again (B's writes every 200 ms, then as it
        // stops) adds nothing that was written
        stop(1);
        try (Connection c = DriverManager.getConnection(SharedJdbcStoreTest.URL, "postgres", null); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*), SUM(calls) FROM " + table + "_activity")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(4); // projects 200, 429; project 404; companies 200
            assertThat(r.getLong(2)).isEqualTo(12);
        }
        assertThat(node(null).integrationHealth().activityReport()).as("a node started later: every node's calls").isEqualTo(procore);
    }
}
