package io.github.procorecdi.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.simulator.ProcoreSimulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Authorization code on Quarkus: the servlet sign-in flow with quarkus-undertow (sign in on the simulator, call as the
 * session's subject, sign out by POST revokes), and the installed-app (oob) flow with the file store.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(FeatureConnectionsResource.class)
class SignInFlowTest {
    /** The application's origin, as the connection's redirect-uri names it. */
    private static final String APP = "http://127.0.0.1:8081";

    @Inject
    FeatureUses uses;
    @Inject
    StartupCalls startup;

    /** A web application is one from its start: a call outside a request before any was served names its subject. */
    @Test
    void aCallAtStartOutsideAnyRequestMustNameItsSubject() {
        assertThat(startup.outcomes()).as("the web connection called by an observer of Startup (StartupCalls)")
                .startsWith("Procore connection 'web': this call runs outside a web request")
                .contains("use connection.forSubject").endsWith(" | forSubject: subject 'startup-job' must authorize");
    }

    @Test
    void signInCallAsTheSessionsSubjectAndSignOutByPost() throws Exception {
        ProcoreSimulator sim = SimulatorResource.sim();
        Browser browser = new Browser();
        assertThat(browser.get(APP + "/me").statusCode()).as("not signed in").isEqualTo(401);
        String authorize = browser.startLogin(APP + "/procore/login");
        assertThat(authorize).startsWith(sim.loginUrl() + "/oauth/authorize?");
        String callback = browser.approveAndFollow(authorize, "ada@example.com");
        assertThat(callback).startsWith(APP + "/procore/callback?code=");
        HttpResponse<String> done = browser.get(callback);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        assertThat(browser.get(APP + "/me").body()).isEqualTo("Hello Ada Lovelace");
        assertThat(new Browser().get(APP + "/me").statusCode()).as("another browser, another session").isEqualTo(401);

        assertThat(browser.get(APP + "/procore/logout").statusCode()).as("no sign-out by GET").isEqualTo(405);
        assertThat(browser.get(APP + "/me").statusCode()).as("still signed in").isEqualTo(200);
        int revocations = sim.counters().revocations();
        assertThat(browser.signOut(APP + "/procore/logout").statusCode()).isEqualTo(302);
        assertThat(sim.counters().revocations()).as("sign-out revoked at Procore").isGreaterThan(revocations);
        assertThat(browser.get(APP + "/me").statusCode()).as("signed out").isEqualTo(401);
    }

    @Test
    void aForgedCallbackIsRefused() throws Exception {
        Browser browser = new Browser();
        String callback = browser.approveAndFollow(browser.startLogin(APP + "/procore/login"), "ada@example.com");
        assertThat(browser.get(callback.replaceAll("state=[^&]+", "state=forged")).statusCode()).isEqualTo(400);
    }

    @Test
    void theInstalledAppExchangesTheCodeItsUserCopiedAndKeepsTheTokensInItsFile() throws Exception {
        // a web application (quarkus-undertow is there): outside a request the subject is named with forSubject
        ProcoreConnection grace = uses.installed().forSubject("grace");
        String code = new Browser().approveOutOfBand(grace.authorizationUri("installed-state").toString(), "grace@example.com");
        AccessToken token = grace.exchangeCode(code);
        assertThat(token.value()).isNotBlank();
        assertThat(grace.client(CompaniesApi.class).me().name()).isEqualTo("Grace Hopper");
        Path file = Path.of("target/procore-installed.tokens");
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file)).containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(grace.accessToken().value()).as("the stored token, read again").isEqualTo(token.value());
        grace.revoke();
        assertThatThrownBy(grace::accessToken).isInstanceOf(ProcoreAuthorizationRequiredException.class);
    }
}
