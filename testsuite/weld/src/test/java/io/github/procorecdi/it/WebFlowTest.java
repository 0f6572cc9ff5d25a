package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.simulator.ProcoreSimulator;
import io.github.procorecdi.web.ProcoreWebInitializer;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The servlet sign-in flow in a real servlet container (Undertow) over HTTP, with a cookie-keeping
 * client that signs in on the simulator's authorize page; CSRF and abuse cases included.
 */
class WebFlowTest {
    private static final Pattern STATE = Pattern.compile("[?&]state=([^&]+)");

    static ProcoreSimulator sim = Sim.get();
    static WeldContainer weld;
    static Undertow server;
    static DeploymentManager deployment;
    static String app;

    /** A page of the application that calls Procore for the signed-in user. */
    public static class MeServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            CompaniesApi api = CDI.current().select(CompaniesApi.class, ProcoreClient.Literal.of("default")).get();
            resp.setContentType("text/plain;charset=UTF-8");
            try {
                resp.getWriter().write("Hello " + api.me().name());
            } catch (ProcoreAuthorizationRequiredException e) {
                resp.setStatus(401);
                resp.getWriter().write("Sign in first");
            }
        }
    }

    /** A page of the application that ends the HTTP session (as its timeout does). */
    public static class EndSessionServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.getSession().invalidate();
            resp.setStatus(204);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        app = "http://127.0.0.1:" + port + "/app";
        Map<String, String> config = new TreeMap<>(Sim.web("default", app + "/procore/callback"));
        config.put("procore.default.web.after-login", "/me?welcome=1");
        config.put("procore.default.web.status-path", "/procore/status"); // each subject's token state, for operators
        weld = WeldBoot.boot(config, CompaniesApi.class);

        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(WebFlowTest.class.getClassLoader())
                .setContextPath("/app")
                .setDeploymentName("app.war")
                .addServletContainerInitializer(new ServletContainerInitializerInfo(ProcoreWebInitializer.class, Set.of()))
                .addServlets(Servlets.servlet("me", MeServlet.class).addMapping("/me"),
                        Servlets.servlet("end", EndSessionServlet.class).addMapping("/end"));
        deployment = Servlets.defaultContainer().addDeployment(info);
        deployment.deploy();
        server = Undertow.builder().addHttpListener(port, "127.0.0.1")
                .setHandler(Handlers.path().addPrefixPath("/app", deployment.start())).build();
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

    @BeforeEach
    void reset() {
        sim.reset();
    }

    /** The shared test browser, signing in at this test's application. */
    static final class Browser {
        final io.github.procorecdi.servers.Browser http = new io.github.procorecdi.servers.Browser();

        HttpResponse<String> get(String url) throws Exception {
            return http.get(url);
        }

        String startLogin() throws Exception {
            return http.startLogin(app + "/procore/login");
        }

        String approve(String authorizeUrl, String user, String decision) throws Exception {
            return http.approve(authorizeUrl, user, ProcoreSimulator.PASSWORD, decision);
        }

        HttpResponse<String> signOut(String url) throws Exception {
            return http.signOut(url);
        }

        HttpResponse<String> post(String url, String origin) throws Exception {
            java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(url))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody());
            if (origin != null) {
                b.header("Origin", origin);
            }
            return http.send(b.build());
        }

        String signIn(String user) throws Exception {
            HttpResponse<String> done = get(approve(startLogin(), user, "allow"));
            assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
            return location(done);
        }
    }

    @Test
    void signInCallsProcoreAsTheUserAndSignOutRevokes() throws Exception {
        Browser browser = new Browser();
        assertThat(browser.get(app + "/me").statusCode()).isEqualTo(401);

        String authorize = browser.startLogin();
        assertThat(authorize).startsWith(sim.loginUrl() + "/oauth/authorize?response_type=code&client_id=" + ProcoreSimulator.WEB_CLIENT_ID)
                .contains("redirect_uri=" + enc(app + "/procore/callback"));
        assertThat(state(authorize)).hasSizeGreaterThanOrEqualTo(32);
        String callback = browser.approve(authorize, "ada@example.com", "allow");
        assertThat(callback).startsWith(app + "/procore/callback?code=");

        HttpResponse<String> done = browser.get(callback);
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(URI.create(app).resolve(location(done))).as("same origin, configured after-login")
                .isEqualTo(URI.create(app + "/me?welcome=1"));
        assertThat(sim.counters().tokenRequests("authorization_code")).isEqualTo(1);

        HttpResponse<String> me = browser.get(app + "/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).isEqualTo("Hello Ada Lovelace");

        HttpResponse<String> logout = browser.signOut(app + "/procore/logout");
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(sim.counters().revocations()).as("the access token, then the refresh token").isEqualTo(2);
        assertThat(browser.get(app + "/me").statusCode()).isEqualTo(401);
    }

    /**
     * Issue 20, item 8: fails where an ended session's tokens stay in memory and at Procore for the JVM's life. The
     * session's subject is found on the status page (the one subject whose fresh token appeared with Ada's sign-in); once
     * the session ends, Procore has the tokens revoked, the status page holds no token for it, and the connection bound to
     * that subject has none either (neither in memory nor in the store) and asks for no new one. That the engine keeps no
     * slot for it: TokenManagerTest.anEndedSessionsSubjectIsRevokedInTheBackgroundAndLeavesNoSlot.
     */
    @Test
    void anEndedSessionsTokensAreForgottenAndRevoked() throws Exception {
        Map<String, String> before = tokenStates();
        Browser ada = new Browser();
        ada.signIn("ada@example.com");
        assertThat(ada.get(app + "/me").statusCode()).isEqualTo(200);
        Map<String, String> after = tokenStates();
        after.keySet().removeAll(before.keySet());
        assertThat(after).as("Ada's session, on the status page").hasSize(1).containsValue("fresh");
        String subject = after.keySet().iterator().next();

        assertThat(ada.get(app + "/end").statusCode()).isEqualTo(204);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while ((sim.counters().revocations() < 2 || "fresh".equals(tokenStates().get(subject))) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sim.counters().revocations()).as("the access token, then the refresh token, revoked at Procore")
                .isGreaterThanOrEqualTo(2);
        assertThat(tokenStates()).as("no token held for the ended session").containsEntry(subject, "expired");
        int tokenRequests = sim.counters().tokenRequests();
        io.github.procorecdi.ProcoreConnection connection = CDI.current()
                .select(io.github.procorecdi.ProcoreConnection.class, ProcoreClient.Literal.of("default")).get();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> connection.forSubject(subject).accessToken())
                .as("forgotten in memory and in the store").isInstanceOf(ProcoreAuthorizationRequiredException.class);
        assertThat(sim.counters().tokenRequests()).isEqualTo(tokenRequests);
    }

    private static final Pattern TOKEN_ROW = Pattern.compile("<tr><td>([^<]+)</td><td class=\"(fresh|due|expired)\">");

    /** @return each subject on the status page's token table, with its state (fresh, due, expired: expired or not held) */
    private static Map<String, String> tokenStates() throws Exception {
        HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(app + "/procore/status")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        int table = body.indexOf("id=\"tokens-default\"");
        assertThat(table).as("the token table").isNotNegative();
        Map<String, String> states = new TreeMap<>();
        Matcher m = TOKEN_ROW.matcher(body.substring(table, body.indexOf("</table>", table)));
        while (m.find()) {
            states.put(m.group(1), m.group(2));
        }
        return states;
    }

    @Test
    void signOutTakesASameOriginPostAndNothingElse() throws Exception {
        Browser victim = new Browser();
        victim.signIn("ada@example.com");
        assertThat(victim.get(app + "/me").statusCode()).isEqualTo(200);

        // what another site can make the victim's browser send: an <img>/<a> (GET), a cross-site form, a form without Origin
        assertThat(victim.get(app + "/procore/logout").statusCode()).isEqualTo(405);
        assertThat(victim.post(app + "/procore/logout", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(victim.post(app + "/procore/logout", "http://127.0.0.1.evil.example:" + URI.create(app).getPort()).statusCode())
                .isEqualTo(403);
        assertThat(victim.post(app + "/procore/logout", null).statusCode()).isEqualTo(403);
        assertThat(sim.counters().revocations()).as("nothing revoked").isZero();
        assertThat(victim.get(app + "/me").statusCode()).as("still signed in").isEqualTo(200);

        assertThat(victim.signOut(app + "/procore/logout").statusCode()).isEqualTo(302);
        assertThat(sim.counters().revocations()).as("the access token, then the refresh token").isEqualTo(2);
        assertThat(victim.get(app + "/me").statusCode()).isEqualTo(401);
    }

    @Test
    void twoBrowsersKeepTheirOwnTokens() throws Exception {
        Browser ada = new Browser();
        Browser grace = new Browser();
        ada.signIn("ada@example.com");
        assertThat(grace.get(app + "/me").statusCode()).isEqualTo(401);
        grace.signIn("grace@example.com");
        assertThat(ada.get(app + "/me").body()).isEqualTo("Hello Ada Lovelace");
        assertThat(grace.get(app + "/me").body()).isEqualTo("Hello Grace Hopper");
    }

    @Test
    void callbackWithoutStateIsRefusedWithoutATokenRequest() throws Exception {
        Browser browser = new Browser();
        String callback = browser.approve(browser.startLogin(), "ada@example.com", "allow");
        HttpResponse<String> r = browser.get(callback.replaceAll("&state=[^&]+", ""));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("no state");
        assertThat(sim.counters().tokenRequests()).isZero();
    }

    @Test
    void callbackWithAWrongStateIsRefused() throws Exception {
        Browser browser = new Browser();
        String callback = browser.approve(browser.startLogin(), "ada@example.com", "allow");
        HttpResponse<String> r = browser.get(callback.replaceAll("state=[^&]+", "state=forged"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("forged state");
        assertThat(sim.counters().tokenRequests()).isZero();
    }

    @Test
    void aReplayedCallbackIsRefused() throws Exception {
        Browser browser = new Browser();
        String callback = browser.approve(browser.startLogin(), "ada@example.com", "allow");
        assertThat(browser.get(callback).statusCode()).isEqualTo(302);
        HttpResponse<String> replay = browser.get(callback);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(sim.counters().tokenRequests()).isEqualTo(1);
    }

    @Test
    void aCallbackStartedInAnotherBrowserIsRefused() throws Exception {
        Browser attacker = new Browser();
        Browser victim = new Browser();
        victim.get(app + "/me"); // the victim has a session of its own
        String callback = attacker.approve(attacker.startLogin(), "grace@example.com", "allow");
        HttpResponse<String> r = victim.get(callback); // login CSRF: the attacker's code in the victim's browser
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(sim.counters().tokenRequests()).isZero();
        assertThat(victim.get(app + "/me").statusCode()).isEqualTo(401);
    }

    @Test
    void deniedAccessShowsAClearPageWithoutATokenRequest() throws Exception {
        Browser browser = new Browser();
        String callback = browser.approve(browser.startLogin(), "ada@example.com", "deny");
        assertThat(callback).contains("error=access_denied");
        HttpResponse<String> r = browser.get(callback);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("access_denied");
        assertThat(sim.counters().tokenRequests()).isZero();
    }

    @Test
    void aRefusedCodeGivesAClearPageAndConsumesTheState() throws Exception {
        Browser browser = new Browser();
        String callback = browser.approve(browser.startLogin(), "ada@example.com", "allow");
        HttpResponse<String> r = browser.get(callback.replaceAll("code=[^&]+", "code=not-a-real-code"));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("invalid_grant").doesNotContain("not-a-real-code");
        assertThat(browser.get(callback).statusCode()).as("state is single-use").isEqualTo(400);
    }

    @Test
    void errorTextFromTheQueryIsEscaped() throws Exception {
        Browser browser = new Browser();
        String authorize = browser.startLogin();
        HttpResponse<String> r = browser.get(app + "/procore/callback?state=" + state(authorize)
                + "&error=" + enc("<script>alert(1)</script>"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    private static String state(String url) {
        Matcher m = STATE.matcher(url);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String location(HttpResponse<String> r) {
        return io.github.procorecdi.servers.Browser.location(r);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
