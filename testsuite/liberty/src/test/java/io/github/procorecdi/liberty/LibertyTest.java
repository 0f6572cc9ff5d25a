package io.github.procorecdi.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.procorecdi.servers.Browser;

import io.github.procorecdi.servers.ServerContractTests;
import io.github.procorecdi.servers.ServerDeployments;

/** The server contract on Open Liberty (features in src/test/liberty/server.xml). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LibertyTest extends ServerContractTests {
    static final int PORT = 9080;

    static final String TABLE = "procore_tokens_liberty";
    static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    /** The application; the jdbc store's table is dropped first (PostgreSQL keeps it between runs), not while it runs. */
    @Deployment(name = "app", testable = false)
    static WebArchive appDeployment() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS " + TABLE);
        }
        Map<String, String> jdbc = new TreeMap<>();
        ServerDeployments.dmsa(jdbc, "jdbcstored", ServerDeployments.simulator());
        jdbc.put("procore.jdbcstored.token-store", "jdbc");
        jdbc.put("procore.jdbcstored.token-store.datasource", "jdbc/procore");
        jdbc.put("procore.jdbcstored.token-store.table", TABLE);
        jdbc.put("procore.jdbcstored.token-store.encryption-key", KEY);
        jdbc.putAll(ServerDeployments.telemetry());
        return ServerDeployments.app(PORT, jdbc);
    }

    /** The jdbc store on Liberty's {@code <dataSource>} on this machine's PostgreSQL, sealed at rest. */
    @Test
    void jdbcTokenStoreOnTheServersPostgreSqlDataSource() throws Exception {
        HttpResponse<String> first = new Browser().get(app() + "/jdbc");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("Simulated Builders Inc., Large Scale Construction Co. | token reused");
        int tokenRequests = sim().counters().tokenRequests("client_credentials");
        assertThat(new Browser().get(app() + "/jdbc").statusCode()).isEqualTo(200);
        assertThat(sim().counters().tokenRequests("client_credentials")).as("the stored token is used again").isEqualTo(tokenRequests);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT connection_name, access_token FROM " + TABLE)) {
            assertThat(r.next()).as("the row is in PostgreSQL").isTrue();
            assertThat(r.getString(1)).startsWith("jdbcstored@");
            assertThat(r.getString(2)).startsWith("aesgcm2:");
        }
    }

    /**
     * The JTA application, with its jdbc store on the default data source (java:comp/DefaultDataSource: server.xml's
     * {@code DefaultDataSource}, on PostgreSQL); its table is dropped first (PostgreSQL keeps it between runs).
     */
    @Deployment(name = "jta", managed = false, testable = false)
    static WebArchive jtaDeployment() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS " + JTA_TABLE);
        }
        return ServerDeployments.jta(Map.of("procore.jtastore.token-store.table", JTA_TABLE));
    }

    static final String JTA_TABLE = "procore_tokens_jta_liberty";

    @Override
    protected String readinessUrl() {
        return "http://127.0.0.1:" + PORT + "/health/ready";
    }

    @Deployment(name = "broken", managed = false, testable = false)
    static WebArchive brokenDeployment() {
        return ServerDeployments.broken();
    }

    @org.junit.jupiter.api.Test
    void metricsAndSpansReachTheServersExporter() throws Exception {
        assertMetricsAndSpansExported();
    }

    /** Open Liberty's mpHealth lists each connection's readiness check. */
    @Test
    void eachConnectionHasAReadinessCheckInMpHealth() throws Exception {
        assertReadinessChecks("http://127.0.0.1:" + PORT + "/health/ready");
    }

    @Override
    protected String app() {
        return "http://127.0.0.1:" + PORT + "/" + ServerDeployments.CONTEXT;
    }

    @Override
    protected Path serverLog() {
        return Path.of(System.getProperty("wlp.home"), "usr", "servers", "procore", "logs", "messages.log");
    }
}
