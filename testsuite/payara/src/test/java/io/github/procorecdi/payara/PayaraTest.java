package io.github.procorecdi.payara;

import java.nio.file.Path;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.procorecdi.servers.ServerContractTests;
import io.github.procorecdi.servers.ServerDeployments;
import io.github.procorecdi.servers.SkipContract;

/**
 * The server contract on Payara Micro (the payara-micro.jar of Maven Central, started once for the module by
 * {@link PayaraMicroContainer}; its data grid off, so nothing listens beyond the HTTP port on 127.0.0.1 tests use).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PayaraTest extends ServerContractTests {
    static final int PORT = 18480;

    @Deployment(name = "app", testable = false)
    static WebArchive appDeployment() {
        return ServerDeployments.app(PORT, ServerDeployments.telemetry());
    }

    /** The JTA application, with its jdbc store on Payara's default data source (java:comp/DefaultDataSource, H2). */
    @Deployment(name = "jta", managed = false, testable = false)
    static WebArchive jtaDeployment() {
        return ServerDeployments.jta(Map.of());
    }

    @Deployment(name = "broken", managed = false, testable = false)
    static WebArchive brokenDeployment() {
        return ServerDeployments.broken();
    }

    /**
     * Payara Micro listens on loopback only: its HTTP listener is bound to 127.0.0.1, and its data grid (Hazelcast, which
     * with {@code --nocluster} alone still listens on port 6900 of every interface) is off, and the H2 database behind its
     * default data source serves on loopback ({@code -Dh2.bindAddress=127.0.0.1}). Tests deploy the JTA application first
     * (H2 starts with it).
     */
    @Test
    void theServerListensOnLoopbackOnlyAndItsDataGridIsOff() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ListeningSockets.available(), "no /proc/net/tcp: not Linux");
        deployer.deploy("jta");
        try {
            org.assertj.core.api.Assertions.assertThat(jtaCall("ejb").statusCode()).isEqualTo(200);
        } finally {
            deployer.undeploy("jta");
        }
        java.util.List<String> sockets = ListeningSockets.of(PayaraMicroContainer.pid());
        System.out.println("[payara] listening sockets: " + sockets);
        org.assertj.core.api.Assertions.assertThat(sockets).as("the HTTP listener").contains("127.0.0.1:" + PORT);
        org.assertj.core.api.Assertions.assertThat(sockets).allSatisfy(s -> org.assertj.core.api.Assertions.assertThat(s)
                .matches("(127\\.0\\.0\\.1|\\[::1\\]):\\d+"));
    }

    @Test
    void metricsAndSpansReachTheServersExporter() throws Exception {
        assertMetricsAndSpansExported();
    }

    /** Payara's MicroProfile Health lists each connection's readiness check. */
    @Test
    void eachConnectionHasAReadinessCheckInMpHealth() throws Exception {
        assertReadinessChecks(readinessUrl());
    }

    @Override
    protected String readinessUrl() {
        return "http://127.0.0.1:" + PORT + "/health/ready";
    }

    @Override
    protected String app() {
        return "http://127.0.0.1:" + PORT + "/" + ServerDeployments.CONTEXT;
    }

    @Override
    protected Path serverLog() {
        return PayaraMicroContainer.LOG;
    }
}
