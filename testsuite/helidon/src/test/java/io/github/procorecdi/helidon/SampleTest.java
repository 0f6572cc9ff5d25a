package io.github.procorecdi.helidon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.procorecdi.servers.Browser;
import io.github.procorecdi.servers.ServerDeployments;
import io.github.procorecdi.servers.SkipContract;
import io.github.procorecdi.servers.sample.SampleDeployment;
import io.github.procorecdi.servers.sample.SampleTests;
import io.github.procorecdi.simulator.RecordedRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The web sample on Helidon MP 4 ({@link HelidonContainer} starts a Helidon JVM with the sample's classes, as Helidon runs
 * one application per JVM). Helidon has no Servlet container, and the sample's pages, its sign-in and its webhook
 * receiver are servlets: those tests are skipped. What runs without one is proven: the application starts with its
 * connections validated, both readiness checks are UP, and at start it registers its webhook hooks at the simulator
 * through the service-account connection {@code hooks} ({@code forCompany} for companies 101 and 202).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@SkipContract(server = HelidonTest.SERVER, test = "signInAndListCompaniesAndProjectsOverHttp", reason = SampleTest.NO_PAGES)
@SkipContract(server = HelidonTest.SERVER, test = "signInAndBrowseProjectsInARealBrowser", reason = SampleTest.NO_PAGES)
class SampleTest extends SampleTests {
    static final String NO_PAGES = "Helidon MP 4 has no Servlet container: the sample's pages (HomeServlet, ProjectsServlet, "
            + "EventsServlet) and procore-cdi's sign-in flow and webhook receiver are servlets";
    static final String APP = "http://127.0.0.1:" + HelidonTest.PORT + "/" + SampleDeployment.CONTEXT;

    @Deployment(name = "sample", testable = false)
    static WebArchive sample() {
        return SampleDeployment.war(APP);
    }

    @Override
    protected String sampleApp() {
        return APP;
    }

    @Test
    void theSampleStartsWithItsConnectionsReadyAndRegistersItsWebhooks() throws Exception {
        HttpResponse<String> r = new Browser().get("http://127.0.0.1:" + HelidonTest.PORT + "/health/ready");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject health = Json.createReader(new StringReader(r.body())).readObject();
        Map<String, String> checks = new HashMap<>();
        health.getJsonArray("checks").forEach(c -> checks.put(c.asJsonObject().getString("name"), c.asJsonObject().getString("status")));
        assertThat(checks).containsEntry("procore-cdi:default", "UP").containsEntry("procore-cdi:hooks", "UP");

        List<RecordedRequest> hooks = ServerDeployments.simulator().apiRequests().stream()
                .filter(q -> q.method().equals("POST") && q.path().equals("/rest/v1.0/webhooks/hooks")).toList();
        assertThat(hooks).as("a hook for each company, made at start").extracting(q -> q.header("Procore-Company-Id"))
                .containsExactlyInAnyOrder("101", "202");
        assertThat(hooks).allSatisfy(q -> assertThat(q.status()).isBetween(200, 201));
        assertThat(ServerDeployments.simulator().apiRequests()).as("three triggers per hook")
                .filteredOn(q -> q.method().equals("POST") && q.path().endsWith("/triggers")).hasSize(6);
    }
}
