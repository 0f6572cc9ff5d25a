package io.github.procorecdi.helidon;

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
 * The server contract on Helidon MP 4 (Weld, Jersey's Rest Client), Java 21+: the test application's classes run in a
 * Helidon MP JVM ({@link HelidonContainer}); its servlet pages are served through {@link io.github.procorecdi.helidon.bridge.ServletBridge}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@SkipContract(server = HelidonTest.SERVER, test = "webSignInFlowOverHttpWithCookies", reason = HelidonTest.NO_SERVLETS)
@SkipContract(server = HelidonTest.SERVER, test = "aForgedCallbackIsRefused", reason = HelidonTest.NO_SERVLETS)
@SkipContract(server = HelidonTest.SERVER, test = "aCallAtStartOutsideAnyRequestMustNameItsSubject", reason = HelidonTest.NO_SERVLETS
        + " (no web application: a call outside a request uses the subject default)")
@SkipContract(server = HelidonTest.SERVER, test = "webhookDeliveriesBecomeCdiEventsOnceAndAWrongAuthorizationIsRefused", reason = HelidonTest.NO_SERVLETS)
@SkipContract(server = HelidonTest.SERVER, test = "aJdbcStoreConnectionIsReadyBeforeAnyRequest", reason = HelidonTest.NO_EJB)
@SkipContract(server = HelidonTest.SERVER, test = "anEjbAndATransactionalBeanUseTheJdbcStoreAcrossAnExpiryAndARestart", reason = HelidonTest.NO_EJB)
@SkipContract(server = HelidonTest.SERVER, test = "metricsWorkWhenTheFirstTokenRequestComesFromTheReadinessCheck", reason = HelidonTest.NO_EJB)
@SkipContract(server = HelidonTest.SERVER, test = "metricsAndSpansReachTheServersExporter", reason = "the helidon-microprofile "
        + "bundle has no MicroProfile Telemetry, and helidon-microprofile-telemetry 4.2.0 is not served by the Maven repository "
        + "this project's machines reach")
class HelidonTest extends ServerContractTests {
    static final String SERVER = "Helidon MP 4.2.0";
    static final String NO_SERVLETS = "Helidon MP 4 has no Servlet container, and procore-cdi's web sign-in flow and webhook "
            + "receiver are servlets";
    static final String NO_EJB = "Helidon MP has no EJB container and no java:comp/DefaultDataSource";
    static final int PORT = 18580;

    @Deployment(name = "app", testable = false)
    static WebArchive appDeployment() {
        return ServerDeployments.app(PORT, ServerDeployments.telemetry());
    }

    @Deployment(name = "jta", managed = false, testable = false)
    static WebArchive jtaDeployment() {
        return ServerDeployments.jta(Map.of());
    }

    @Deployment(name = "broken", managed = false, testable = false)
    static WebArchive brokenDeployment() {
        return ServerDeployments.broken();
    }

    @Test
    void metricsAndSpansReachTheServersExporter() throws Exception {
        assertMetricsAndSpansExported();
    }

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
        return HelidonContainer.LOG;
    }
}
