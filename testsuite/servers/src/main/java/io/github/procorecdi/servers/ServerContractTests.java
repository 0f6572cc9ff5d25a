package io.github.procorecdi.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.simulator.ProcoreSimulator;

/**
 * What every server must show: injection, configuration from the server's own sources, client
 * credentials, the web sign-in flow over HTTP with cookies, an application token store bean, and
 * a deployment refused for bad configuration. Subclasses bind it to one server with Arquillian.
 */
public abstract class ServerContractTests {

    /** @return e.g. {@code http://127.0.0.1:8080/procore-it} */
    protected abstract String app();

    /** @return the server's log file */
    protected abstract Path serverLog();

    /** @return the server's MicroProfile Health readiness endpoint */
    protected abstract String readinessUrl();

    /** @return the status of readiness check {@code name} as the server's readiness endpoint lists it, or "absent" */
    protected String readiness(String name) throws Exception {
        HttpResponse<String> r = new Browser().get(readinessUrl());
        jakarta.json.JsonObject health = jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readObject();
        for (jakarta.json.JsonValue c : health.getJsonArray("checks")) {
            if (name.equals(c.asJsonObject().getString("name"))) {
                return c.asJsonObject().getString("status") + (c.asJsonObject().containsKey("data")
                        ? " " + c.asJsonObject().getJsonObject("data") : "");
            }
        }
        return "absent";
    }

    /** @return the JTA application's answer to {@code /call?via=...} (see {@link io.github.procorecdi.servers.jta.JtaServlet}) */
    protected HttpResponse<String> jtaCall(String via) throws Exception {
        return new Browser().get(app().substring(0, app().lastIndexOf('/')) + "/" + ServerDeployments.JTA_CONTEXT + "/call?via=" + via);
    }

    /** @return the token of an answer {@code ... | token=<token>} */
    private static String token(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body().substring(r.body().indexOf("token=") + "token=".length());
    }

    /**
     * Issue 20 item 2: a connection with a jdbc store on {@code java:comp/DefaultDataSource} is UP as soon as its
     * application is deployed, before any request (the readiness check runs on a server thread, where the application's
     * {@code java:comp} is not bound, so the data source must have been resolved at deployment).
     */
    @Test
    void aJdbcStoreConnectionIsReadyBeforeAnyRequest() throws Exception {
        deployer.deploy("jta");
        try {
            assertThat(readiness("procore-cdi:jtastore")).as("right after deployment, before any request").startsWith("UP");
            assertThat(readiness("procore-cdi:probedfirst")).startsWith("UP");
        } finally {
            deployer.undeploy("jta");
        }
    }

    /**
     * Issue 20 item 2: metrics work whatever thread asks first: connection {@code probedfirst} is used by nothing but its
     * readiness check, so its first token request, and the first use of its metrics, come from the server's health
     * thread, and the {@code procore.token.requests} metric of that request still reaches the exporter.
     */
    @Test
    void metricsWorkWhenTheFirstTokenRequestComesFromTheReadinessCheck() throws Exception {
        deployer.deploy("jta");
        try {
            assertThat(readiness("procore-cdi:probedfirst")).startsWith("UP");
            OtlpReceiver otlp = ServerDeployments.otlp();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline && !otlp.metricsContain("procore.token.requests", "probedfirst")) {
                Thread.sleep(200);
            }
            assertThat(otlp.metricsContain("procore.token.requests", "connection", "probedfirst", "outcome", "success"))
                    .as("the token request of the readiness check is counted (" + otlp.exports() + " exports)").isTrue();
        } finally {
            deployer.undeploy("jta");
        }
    }

    /**
     * Issue 20 item 1: an EJB (a container-managed transaction) and a {@code @Transactional} bean call Procore with the
     * jdbc store on the server's data source across token expiries and a restart of the application, exactly as a
     * servlet does: each new token is committed by the store whatever the caller's transaction does (the table holds it
     * while the caller's transaction is still open elsewhere), and after the restart the stored token is used.
     */
    @Test
    void anEjbAndATransactionalBeanUseTheJdbcStoreAcrossAnExpiryAndARestart() throws Exception {
        long mark = logMark();
        deployer.deploy("jta");
        try {
            HttpResponse<String> first = jtaCall("ejb");
            assertThat(first.body()).as("an EJB method runs in a transaction")
                    .startsWith("Simulated Builders Inc., Large Scale Construction Co. | in transaction | token=");
            String t1 = token(first);
            assertThat(token(jtaCall("row"))).as("the store holds the token").isEqualTo(t1);
            HttpResponse<String> tx = jtaCall("transactional");
            assertThat(tx.body()).contains("| in transaction |");
            assertThat(token(tx)).isEqualTo(t1);

            sim().expireAccessTokens();
            String t2 = token(jtaCall("ejb"));
            assertThat(t2).as("a new token after the expiry").isNotEqualTo(t1);
            assertThat(token(jtaCall("row"))).as("stored by the EJB's call").isEqualTo(t2);
            sim().expireAccessTokens();
            String t3 = token(jtaCall("transactional"));
            assertThat(t3).as("a new token after the expiry").isNotEqualTo(t2);
            assertThat(token(jtaCall("row"))).as("stored by the @Transactional call").isEqualTo(t3);
            sim().expireAccessTokens();
            String rolledBack = token(jtaCall("rollback"));
            assertThat(rolledBack).isNotEqualTo(t3);
            assertThat(token(jtaCall("row"))).as("stored, though the caller's transaction rolled back").isEqualTo(rolledBack);
            t3 = rolledBack;

            deployer.undeploy("jta");
            deployer.deploy("jta");
            assertThat(readiness("procore-cdi:jtastore")).as("after the restart, before any request").startsWith("UP");
            assertThat(token(jtaCall("ejb"))).as("after the restart, the stored token").isEqualTo(t3);
            assertThat(token(jtaCall("transactional"))).isEqualTo(t3);
            sim().expireAccessTokens();
            String t4 = token(jtaCall("transactional"));
            assertThat(t4).isNotEqualTo(t3);
            assertThat(token(jtaCall("row"))).isEqualTo(t4);
        } finally {
            deployer.undeploy("jta");
        }
        assertThat(logSince(mark)).doesNotContain("the token store is unavailable").doesNotContain("IJ031021")
                .doesNotContain("DSRA9350E");
    }

    /**
     * Asserts what the server's MicroProfile Health readiness endpoint reports of the test application's connections:
     * {@code dmsa} and {@code web} UP, {@code unready} (refused credentials) DOWN with a reason and no secret, and the
     * application still serving.
     */
    protected void assertReadinessChecks(String readinessUrl) throws Exception {
        HttpResponse<String> r = new Browser().get(readinessUrl);
        assertThat(r.statusCode()).as("one connection is DOWN: the readiness endpoint says so: " + r.body()).isEqualTo(503);
        jakarta.json.JsonObject health = jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readObject();
        java.util.Map<String, jakarta.json.JsonObject> checks = new java.util.HashMap<>();
        health.getJsonArray("checks").forEach(c -> checks.put(c.asJsonObject().getString("name"), c.asJsonObject()));
        assertThat(checks).containsKeys("procore-cdi:dmsa", "procore-cdi:web", "procore-cdi:unready");
        assertThat(checks.get("procore-cdi:dmsa").getString("status")).isEqualTo("UP");
        assertThat(checks.get("procore-cdi:dmsa").getJsonObject("data").getString("grant")).isEqualTo("client_credentials");
        assertThat(checks.get("procore-cdi:web").getString("status")).isEqualTo("UP");
        jakarta.json.JsonObject unready = checks.get("procore-cdi:unready");
        assertThat(unready.getString("status")).isEqualTo("DOWN");
        assertThat(unready.getJsonObject("data").getString("reason")).contains("invalid_client");
        assertThat(r.body()).doesNotContain("refused-secret-8d3f1a").doesNotContain(ProcoreSimulator.DMSA_CLIENT_SECRET);
        assertThat(new Browser().get(app() + "/dmsa").statusCode()).as("the application keeps serving").isEqualTo(200);
    }

    /**
     * A token request made through the server's OpenTelemetry: the {@code procore.token.requests} metric and the
     * {@code procore.token} span reach the OTLP receiver the application's {@code otel.*} configuration points at
     * ({@link ServerDeployments#telemetry()}).
     */
    protected void assertMetricsAndSpansExported() throws Exception {
        sim().expireAccessTokens();
        assertThat(new Browser().get(app() + "/ft?method=plain").statusCode()).isEqualTo(200); // a token request
        OtlpReceiver otlp = ServerDeployments.otlp();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && !(otlp.metricsContain("procore.token.requests", "dmsa")
                && otlp.tracesContain("procore.token", "client_credentials"))) {
            Thread.sleep(200);
        }
        assertThat(otlp.metricsContain("procore.token.requests", "connection", "dmsa", "outcome", "success"))
                .as("metrics export (" + otlp.exports() + " exports)").isTrue();
        assertThat(otlp.tracesContain("procore.token", "grant", "client_credentials")).as("span export").isTrue();
    }

    /** Arquillian's deployer; the subclass declares a {@code @Deployment(name = "broken", managed = false)}. */
    @ArquillianResource
    protected Deployer deployer;

    /** Deploys the broken WAR. @return the failure the server reported, or {@code null} if it deployed */
    protected Throwable deployBroken() {
        try {
            deployer.deploy("broken");
        } catch (Exception e) {
            return e;
        }
        deployer.undeploy("broken");
        return null;
    }

    protected ProcoreSimulator sim() {
        return ServerDeployments.simulator();
    }

    @Test
    void injectedClientCredentialsClientCallsProcore() throws Exception {
        HttpResponse<String> r = new Browser().get(app() + "/dmsa");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("Simulated Builders Inc., Large Scale Construction Co. | CLIENT_CREDENTIALS | "
                + ProcoreSimulator.DMSA_CLIENT_ID);
    }

    @Test
    void configurationComesFromTheServersEnvironmentAndSystemProperties() throws Exception {
        HttpResponse<String> r = new Browser().get(app() + "/env");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("Simulated Builders Inc.");
    }

    @Test
    void anApplicationTokenStoreBeanKeepsTheTokens() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> first = browser.get(app() + "/store");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        HttpResponse<String> second = browser.get(app() + "/store");
        assertThat(second.body()).endsWith("| saves=1");
    }

    @Test
    void webSignInFlowOverHttpWithCookies() throws Exception {
        Browser browser = new Browser();
        assertThat(browser.get(app() + "/me").statusCode()).isEqualTo(401);
        String authorize = browser.startLogin(app() + "/procore/login");
        assertThat(authorize).startsWith(sim().loginUrl() + "/oauth/authorize?");
        String callback = browser.approve(authorize, "ada@example.com", ProcoreSimulator.PASSWORD, "allow");
        assertThat(callback).startsWith(app() + "/procore/callback?code=");
        HttpResponse<String> done = browser.get(callback);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        HttpResponse<String> me = browser.get(app() + "/me");
        assertThat(me.body()).isEqualTo("Hello Ada Lovelace");

        assertThat(new Browser().get(app() + "/me").statusCode()).as("another browser").isEqualTo(401);

        assertThat(browser.get(app() + "/procore/logout").statusCode()).as("no sign-out by GET (an <img> could do it)").isEqualTo(405);
        assertThat(browser.get(app() + "/me").statusCode()).as("still signed in").isEqualTo(200);
        assertThat(browser.signOut(app() + "/procore/logout").statusCode()).isEqualTo(302);
        assertThat(browser.get(app() + "/me").statusCode()).isEqualTo(401);
    }

    /** A web application is one from its start: a call outside a request before any was served names its subject. */
    @Test
    void aCallAtStartOutsideAnyRequestMustNameItsSubject() throws Exception {
        HttpResponse<String> r = new Browser().get(app() + "/startup");
        assertThat(r.body()).as("the web connection called by an observer of the application's start (StartupCalls)")
                .startsWith("Procore connection 'web': this call runs outside a web request")
                .contains("use connection.forSubject").endsWith(" | forSubject: subject 'startup-job' must authorize");
    }

    @Test
    void aForgedCallbackIsRefused() throws Exception {
        Browser browser = new Browser();
        String callback = browser.approve(browser.startLogin(app() + "/procore/login"), "ada@example.com",
                ProcoreSimulator.PASSWORD, "allow");
        HttpResponse<String> r = browser.get(callback.replaceAll("state=[^&]+", "state=forged"));
        assertThat(r.statusCode()).isEqualTo(400);
    }

    /** @return the current length of the server log: pass it to {@link #logSince(long)} */
    protected long logMark() throws java.io.IOException {
        return Files.exists(serverLog()) ? Files.size(serverLog()) : 0;
    }

    /** @return what the server logged after {@code mark} (earlier runs leave their lines in the same file) */
    protected String logSince(long mark) throws java.io.IOException {
        byte[] all = Files.readAllBytes(serverLog());
        return new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark), StandardCharsets.UTF_8);
    }

    @Test
    void badConfigurationFailsTheDeploymentNamingEachProperty() throws Exception {
        long mark = logMark();
        Throwable failure = deployBroken();
        assertThat(failure).as("the broken WAR must not deploy").isNotNull();
        StringBuilder reported = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            reported.append(t.getMessage()).append('\n');
        }
        String log = logSince(mark);
        for (String property : ServerDeployments.BROKEN_PROPERTIES) {
            assertThat(reported + log).contains(property);
        }
    }

    @Test
    void secretsNeverReachTheServerLog() throws Exception {
        new Browser().get(app() + "/dmsa");
        new Browser().get(app() + "/env");
        String log = Files.readString(serverLog(), StandardCharsets.UTF_8);
        assertThat(log).doesNotContain(ProcoreSimulator.DMSA_CLIENT_SECRET).doesNotContain(ProcoreSimulator.WEB_CLIENT_SECRET);
    }

    @Test
    void oneServiceAccountServesManyCompaniesThroughForCompany() throws Exception {
        new Browser().get(app() + "/companies"); // a valid token first (another test may have expired every token)
        sim().reset();
        HttpResponse<String> r = new Browser().get(app() + "/companies");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("101:3, 202:100");
        assertThat(sim().apiRequests()).as("every call named its company, the DMSA's /companies included")
                .extracting(q -> q.path() + " " + q.header("Procore-Company-Id"))
                .containsExactly("/rest/v1.0/companies 101", "/rest/v1.0/projects 101", "/rest/v1.0/projects 202");
    }

    @Test
    void aDisconnectedCompanyFailsAtOnceWithoutSendingWhileOthersCarryOn() throws Exception {
        new Browser().get(app() + "/tenant?company=101&calls=1"); // a valid token first (another test may have expired them)
        sim().reset();
        sim().disconnectCompany(202);
        try {
            HttpResponse<String> r = new Browser().get(app() + "/tenant?company=202&calls=4");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("not connected 202, not connected 202, not connected 202, not connected 202");
            assertThat(sim().apiRequests()).as("one request told; the next three sent nothing").hasSize(1)
                    .allSatisfy(q -> assertThat(q.status()).isEqualTo(403));
            HttpResponse<String> other = new Browser().get(app() + "/tenant?company=101&calls=1");
            assertThat(other.body()).isEqualTo("ok 3");
        } finally {
            sim().connectCompany(202);
        }
    }

    private java.net.http.HttpResponse<String> deliver(String authorization, String ulid) throws Exception {
        String body = "{\"api_version\":\"v2\",\"company_id\":101,\"project_id\":1001,\"event_type\":\"update\",\"id\":42,"
                + "\"ulid\":\"" + ulid + "\",\"resource_name\":\"Projects\",\"resource_id\":1001,\"timestamp\":\"2026-12-01T10:00:00Z\"}";
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(app() + "/procore/webhooks"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void webhookDeliveriesBecomeCdiEventsOnceAndAWrongAuthorizationIsRefused() throws Exception {
        long mark = logMark();
        String ulid = String.format("01JE0S%020d", System.nanoTime() % 100_000_000_000_000_000L); // 26 Crockford base32 characters
        assertThat(deliver(null, ulid).statusCode()).isEqualTo(401);
        assertThat(deliver("Bearer guessing", ulid).statusCode()).isEqualTo(401);
        java.net.http.HttpResponse<String> first = deliver(ServerDeployments.WEBHOOK_AUTHORIZATION, ulid);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(deliver(ServerDeployments.WEBHOOK_AUTHORIZATION, ulid).statusCode()).as("redelivery").isEqualTo(200);
        String log = new Browser().get(app() + "/webhook-log").body();
        assertThat(log).startsWith("sync=[update Projects 1001]");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!new Browser().get(app() + "/webhook-log").body().endsWith("async=1") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(new Browser().get(app() + "/webhook-log").body()).endsWith("async=1");
        String serverLog = Files.readString(serverLog(), StandardCharsets.UTF_8);
        assertThat(serverLog).doesNotContain(ServerDeployments.WEBHOOK_AUTHORIZATION).doesNotContain("whk-server-7c1e9a3b5d2f4e6a8b0c");
        assertThat(logSince(mark)).doesNotContain("Bearer guessing");
    }

    @Test
    void theApplicationsRetryDecidesTheAttemptsWithoutMultiplyingProcoreCdis() throws Exception {
        sim().reset();
        new Browser().get(app() + "/ft?method=plain"); // the token and a first answer
        sim().reset();
        sim().faults().failNextApiCalls(100, 503, null);
        HttpResponse<String> r = new Browser().get(app() + "/ft?method=retried");
        assertThat(r.body()).isEqualTo("failed 503");
        long retried = sim().apiRequests().stream().filter(q -> q.path().endsWith("/companies")).count();
        sim().reset();
        sim().faults().failNextApiCalls(100, 503, null);
        assertThat(new Browser().get(app() + "/ft?method=plain").body()).isEqualTo("failed 503");
        long plain = sim().apiRequests().stream().filter(q -> q.path().endsWith("/companies")).count();
        System.out.println("[fault tolerance] @Retry(maxRetries = 2): " + retried + " sends; no annotation (max-retries 3): " + plain + " sends");
        assertThat(retried).as("@Retry(maxRetries = 2): 3 sends, however the server applies Fault Tolerance").isEqualTo(3);
        assertThat(plain).as("no annotation: 1 + max-retries").isEqualTo(4);
        sim().reset();
    }

    @Test
    void completionStageMethodsAreRetriedLikeSynchronousOnes() throws Exception {
        new Browser().get(app() + "/async"); // a valid token first (another test may have expired every token)
        sim().reset();
        sim().faults().failNextApiCalls(2, 503, 1);
        HttpResponse<String> r = new Browser().get(app() + "/async");
        assertThat(r.body()).isEqualTo("async 2");
        assertThat(sim().apiRequests()).extracting(q -> q.status()).containsExactly(503, 503, 200);
    }

}
