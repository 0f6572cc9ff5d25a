package io.github.procorecdi.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
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

/** The server contract on WildFly with standalone-microprofile.xml. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WildFlyTest extends ServerContractTests {
    static final int PORT = 8080;

    @Deployment(name = "app", testable = false)
    static WebArchive appDeployment() {
        Map<String, String> jdbc = new TreeMap<>();
        ServerDeployments.dmsa(jdbc, "jdbcstored", ServerDeployments.simulator());
        jdbc.put("procore.jdbcstored.token-store", "jdbc");
        jdbc.put("procore.jdbcstored.token-store.datasource", "java:jboss/datasources/ExampleDS");
        jdbc.putAll(ServerDeployments.telemetry());
        return ServerDeployments.app(PORT, jdbc);
    }

    /**
     * The metrics and the procore.token span reach WildFly's OpenTelemetry exporter (configured by the application's
     * otel.* properties: WildFly exports no metrics by default).
     */
    @Test
    void metricsAndSpansReachTheServersExporter() throws Exception {
        assertMetricsAndSpansExported();
    }

    /** WildFly's health subsystem (management port 9990) lists each connection's readiness check. */
    @Test
    void eachConnectionHasAReadinessCheckInMpHealth() throws Exception {
        assertReadinessChecks("http://127.0.0.1:9990/health/ready");
    }

    /** The jdbc store on a server data source (WildFly's H2 ExampleDS), found through JNDI. */
    @Test
    void jdbcTokenStoreOnTheServersDataSource() throws Exception {
        HttpResponse<String> first = new Browser().get(app() + "/jdbc");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("Simulated Builders Inc., Large Scale Construction Co. | token reused");
        int tokenRequests = sim().counters().tokenRequests("client_credentials");
        assertThat(new Browser().get(app() + "/jdbc").statusCode()).isEqualTo(200);
        assertThat(sim().counters().tokenRequests("client_credentials")).as("the stored token is used again").isEqualTo(tokenRequests);
    }

    /** The JTA application, with its jdbc store on the default data source (java:comp/DefaultDataSource: ExampleDS). */
    @Deployment(name = "jta", managed = false, testable = false)
    static WebArchive jtaDeployment() {
        return ServerDeployments.jta(Map.of());
    }

    @Override
    protected String readinessUrl() {
        return "http://127.0.0.1:9990/health/ready";
    }

    @Deployment(name = "broken", managed = false, testable = false)
    static WebArchive brokenDeployment() {
        return ServerDeployments.broken();
    }

    @Override
    protected String app() {
        return "http://127.0.0.1:" + PORT + "/" + ServerDeployments.CONTEXT;
    }

    @Override
    protected Path serverLog() {
        return Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
    }
}
