package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.simulator.ProcoreSimulator;
import io.github.procorecdi.simulator.RecordedRequest;
import io.github.procorecdi.web.ProcoreWebInitializer;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import jakarta.enterprise.inject.spi.CDI;

/**
 * The status page in a real servlet container (Undertow): loopback callers see the connection, its tokens' states, the
 * rate limit, the observations and the CSV link, and never the client secret or any token; a request from elsewhere
 * (through a proxy, or from another address) without the role is refused; a page that names a role refuses callers
 * without it; no cookie is set.
 */
class StatusPageTest {
    static final ProcoreSimulator sim = Sim.get();
    static WeldContainer weld;
    static Undertow server;
    static DeploymentManager deployment;
    static int port;
    static String app;
    /** A second loopback port whose requests the application sees as coming from 203.0.113.7 (a remote caller). */
    static int remotePort;
    static final String REMOTE_CALLER = "203.0.113.7";
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        app = "http://127.0.0.1:" + port + "/app";
        Map<String, String> config = new TreeMap<>(Sim.dmsa("ops"));
        config.put("procore.ops.web.status-path", "/procore/status");
        config.putAll(Sim.dmsa("guarded", Sim.SECOND_DMSA_ID, Sim.SECOND_DMSA_SECRET));
        config.put("procore.guarded.web.status-path", "/procore/guarded");
        config.put("procore.guarded.web.status-role", "procore-admin");
        weld = WeldBoot.boot(config, CompaniesApi.class);
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(StatusPageTest.class.getClassLoader())
                .setContextPath("/app")
                .setDeploymentName("status.war")
                .addServletContainerInitializer(new ServletContainerInitializerInfo(ProcoreWebInitializer.class, Set.of()));
        deployment = Servlets.defaultContainer().addDeployment(info);
        deployment.deploy();
        try (ServerSocket s = new ServerSocket(0)) {
            remotePort = s.getLocalPort();
        }
        io.undertow.server.HttpHandler app = Handlers.path().addPrefixPath("/app", deployment.start());
        // no traffic leaves loopback: the second listener rewrites the peer address, as a remote caller's would be
        io.undertow.server.HttpHandler remote = exchange -> {
            exchange.setSourceAddress(new java.net.InetSocketAddress(InetAddress.getByName(REMOTE_CALLER), 40_000));
            app.handleRequest(exchange);
        };
        server = Undertow.builder().addHttpListener(port, "127.0.0.1").addHttpListener(remotePort, "127.0.0.1", remote)
                .setHandler(app).build();
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (deployment != null) {
            deployment.stop();
            deployment.undeploy();
        }
        if (weld != null) {
            weld.close();
        }
    }

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void loopbackCallersSeeTheConnectionAndNoSecret() throws Exception {
        ProcoreConnection ops = CDI.current().select(ProcoreConnection.class, ProcoreClient.Literal.of("ops")).get();
        CompaniesApi companies = ops.client(CompaniesApi.class);
        companies.list();
        sim.expireAccessTokens();
        companies.list(); // a 401, a renewal: two tokens issued
        sim.faults().failNextApiCalls(1, 404, null);
        try {
            companies.list();
        } catch (RuntimeException expected) {
            // a 404
        }

        HttpResponse<String> page = get(app + "/procore/status");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.headers().allValues("Set-Cookie")).as("no cookie").isEmpty();
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        String html = page.body();
        assertThat(html).contains("Connection ops").contains("client_credentials").contains("memory")
                .contains("service-account").contains("class=\"fresh\"")
                .contains("requests remaining")
                .contains("403 Forbidden responses").contains("404 Not Found responses").contains("Private endpoint usage")
                .contains("href=\"status/activity.csv\"");

        // never a secret: the client secret, and every token the simulator saw on the API
        List<String> tokens = sim.apiRequests().stream().map(r -> r.header("Authorization")).filter(a -> a != null)
                .map(a -> a.substring("Bearer ".length())).distinct().toList();
        assertThat(tokens).hasSizeGreaterThanOrEqualTo(2);
        assertThat(html).doesNotContain(ProcoreSimulator.DMSA_CLIENT_SECRET);
        for (String token : tokens) {
            assertThat(html).doesNotContain(token);
        }

        HttpResponse<String> csv = get(app + "/procore/status/activity.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("Date,Response Code,HTTP Method,Normalized Route,Count\n")
                .contains(",401,GET,/rest/v1.0/companies,1\n").contains(",404,GET,/rest/v1.0/companies,1\n")
                .isEqualTo(ops.integrationHealth().activityReport());
        assertThat(csv.body()).doesNotContain(ProcoreSimulator.DMSA_CLIENT_SECRET);
        for (String token : tokens) {
            assertThat(csv.body()).doesNotContain(token);
        }
        assertThat(http.send(HttpRequest.newBuilder(URI.create(app + "/procore/status")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }

    @Test
    void aRequestFromElsewhereWithoutTheRoleIsRefused() throws Exception {
        HttpResponse<String> proxied = get(app + "/procore/status", "X-Forwarded-For", "203.0.113.9");
        assertThat(proxied.statusCode()).as("through a local proxy: someone else's request").isEqualTo(403);
        assertThat(proxied.body()).doesNotContain("Connection ops").contains("loopback");
        assertThat(get(app + "/procore/status/activity.csv", "Forwarded", "for=203.0.113.9").statusCode()).isEqualTo(403);

        HttpResponse<String> guarded = get(app + "/procore/guarded");
        assertThat(guarded.statusCode()).as("a role is named: loopback is not enough").isEqualTo(403);
        assertThat(guarded.body()).contains("procore.guarded.web.status-role").doesNotContain(Sim.SECOND_DMSA_SECRET);

        HttpResponse<String> remote = get("http://127.0.0.1:" + remotePort + "/app/procore/status");
        assertThat(remote.statusCode()).as("from " + REMOTE_CALLER).isEqualTo(403);
        assertThat(remote.body()).doesNotContain("Connection ops");
    }

    /**
     * The page as real headless Chromium renders it (when Debian's {@code chromium} is installed, as {@code .ci/run}
     * installs it): the rendered DOM holds no secret, a request from the machine's own non-loopback address is refused,
     * and a screenshot is saved to {@code target/status-page.png}.
     */
    @Test
    void inChromiumThePageShowsNoSecretAndRefusesANonLoopbackCaller() throws Exception {
        java.nio.file.Path chromium = java.nio.file.Path.of("/usr/bin/chromium");
        Assumptions.assumeTrue(java.nio.file.Files.isExecutable(chromium), "no /usr/bin/chromium");
        ProcoreConnection ops = CDI.current().select(ProcoreConnection.class, ProcoreClient.Literal.of("ops")).get();
        CompaniesApi companies = ops.client(CompaniesApi.class);
        for (int i = 0; i < 12; i++) {
            companies.list();
        }
        sim.expireAccessTokens();
        companies.list();
        sim.faults().failNextApiCalls(2, 429, null);
        companies.list();
        companies.me();

        java.nio.file.Path shot = java.nio.file.Path.of("target", "status-page.png").toAbsolutePath();
        String dom = chromium(chromium, "--screenshot=" + shot, "--window-size=1000,1000", "--dump-dom", app + "/procore/status");
        assertThat(dom).contains("Connection ops").contains("Integration health").contains("NEEDS ATTENTION");
        assertThat(dom).doesNotContain(ProcoreSimulator.DMSA_CLIENT_SECRET);
        for (String token : sim.apiRequests().stream().map(r -> r.header("Authorization")).filter(a -> a != null)
                .map(a -> a.substring("Bearer ".length())).distinct().toList()) {
            assertThat(dom).doesNotContain(token);
        }
        assertThat(java.nio.file.Files.size(shot)).isPositive();

        String refused = chromium(chromium, "--dump-dom", "http://127.0.0.1:" + remotePort + "/app/procore/status");
        assertThat(refused).contains("Forbidden").contains("loopback").doesNotContain("Connection ops");
    }

    /** Runs headless Chromium on {@code args} and returns what it printed (the DOM, with {@code --dump-dom}). */
    private static String chromium(java.nio.file.Path chromium, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + java.nio.file.Files.createTempDirectory("chromium-status")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }
}
