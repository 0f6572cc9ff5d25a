package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreSubjectResolver;
import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.TokenInfo;
import io.github.procorecdi.simulator.ProcoreSimulator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** Authorization code: exchange, rotating single-use refresh tokens, single flight, subjects, dead refresh tokens. */
@ExtendWith(ResetSimulator.class)
class AuthorizationCodeTest {
    static final String REDIRECT = "http://localhost:8080/procore/callback";

    @Dependent
    public static class Uses {
        @Inject @ProcoreClient ProcoreConnection connection;
        @Inject @ProcoreClient CompaniesApi companies;
    }

    /** Tokens per tenant, chosen by the application. */
    @ApplicationScoped
    public static class TenantResolver implements ProcoreSubjectResolver {
        static final ThreadLocal<String> TENANT = ThreadLocal.withInitial(() -> "tenant-a");

        @Override
        public String resolve(String connection) {
            return TENANT.get();
        }
    }

    ProcoreSimulator sim = Sim.get();
    WeldContainer container;
    Uses app;

    void boot(Map<String, String> extra, Class<?>... more) {
        Map<String, String> config = new TreeMap<>(Sim.web("default", REDIRECT));
        config.putAll(extra);
        List<Class<?>> beans = new ArrayList<>(List.of(Uses.class, CompaniesApi.class));
        beans.addAll(List.of(more));
        container = WeldBoot.boot(config, beans.toArray(Class<?>[]::new));
        app = container.select(Uses.class).get();
    }

    @BeforeEach
    void before() {
        sim.reset();
    }

    @AfterEach
    void shutdown() {
        if (container != null) {
            container.close();
        }
    }

    @Test
    void exchangeCodeStoresThePairAndCallsActForTheUser() {
        boot(Map.of());
        assertThat(app.connection.grantType()).isEqualTo(GrantType.AUTHORIZATION_CODE);
        AccessToken token = app.connection.exchangeCode(Sim.code("ada@example.com", REDIRECT));

        assertThat(token.refreshToken()).isNotNull();
        assertThat(app.companies.me().name()).isEqualTo("Ada Lovelace");
        assertThat(app.connection.accessToken()).isEqualTo(token);
        TokenInfo info = app.connection.tokenInfo();
        assertThat(info.resourceOwnerId()).isEqualTo(7001L);
        assertThat(info.applicationUid()).isEqualTo(ProcoreSimulator.WEB_CLIENT_ID);
        assertThat(sim.counters().tokenRequests("authorization_code")).isEqualTo(1);
    }

    @Test
    void aRefusedCodeIsATokenExceptionWithoutTheCodeInTheMessage() {
        boot(Map.of());
        String code = Sim.code("ada@example.com", REDIRECT);
        app.connection.exchangeCode(code);
        assertThatThrownBy(() -> app.connection.exchangeCode(code))
                .isInstanceOfSatisfying(ProcoreTokenException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo("invalid_grant");
                    assertThat(e.getMessage()).doesNotContain(code).doesNotContain(ProcoreSimulator.WEB_CLIENT_SECRET);
                });
    }

    @Test
    void refreshTokensRotateAcrossSeveralExpiriesWithoutEverReusingOne() throws Exception {
        boot(Map.of("procore.default.refresh-ahead", "PT1S"));
        // 3 s tokens: Procore's created_at has whole seconds, so a token may count as up to 1 s older than it is,
        // and with 2 s tokens two renewals could fall between two observations of this loop
        sim.accessTokenLifetime(Duration.ofSeconds(3));
        int liveBefore = sim.liveRefreshTokens();
        app.connection.exchangeCode(Sim.code("ada@example.com", REDIRECT));
        List<String> accessTokens = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofMillis(4200).toNanos();
        while (System.nanoTime() < end) {
            assertThat(app.companies.me().login()).isEqualTo("ada@example.com");
            String t = app.connection.accessToken().value();
            if (accessTokens.isEmpty() || !accessTokens.get(accessTokens.size() - 1).equals(t)) {
                accessTokens.add(t);
            }
            Thread.sleep(50);
        }
        int refreshes = sim.counters().tokenRequests("refresh_token");
        assertThat(refreshes).isBetween(2, 5);
        assertThat(accessTokens).hasSize(refreshes + 1).doesNotHaveDuplicates();
        assertThat(sim.counters().apiResponses(401)).isZero();
        assertThat(sim.liveRefreshTokens()).as("only the newest refresh token is alive").isEqualTo(liveBefore + 1);
    }

    @Test
    void aRefreshStormOf200ThreadsMakesExactlyOneRefresh() throws Exception {
        boot(Map.of("procore.default.refresh-ahead", "PT0S"));
        sim.accessTokenLifetime(Duration.ofSeconds(1));
        app.connection.exchangeCode(Sim.code("ada@example.com", REDIRECT));
        Thread.sleep(1100); // the access token has expired: every caller must wait for the one refresh
        sim.accessTokenLifetime(Duration.ofSeconds(5400));
        sim.faults().tokenDelay(Duration.ofMillis(300));

        int threads = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Me>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return app.companies.me();
                }));
            }
            go.countDown();
            for (Future<Me> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS).name()).isEqualTo("Ada Lovelace");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sim.counters().tokenRequests("refresh_token")).isEqualTo(1);
        assertThat(sim.counters().apiResponses(401)).isZero();
        assertThat(sim.counters().apiResponses(200)).isEqualTo(threads);
    }

    @Test
    void subjectsAreIsolatedAndForSubjectBindsBackgroundWork() {
        boot(Map.of());
        ProcoreConnection alice = app.connection.forSubject("alice");
        ProcoreConnection bob = app.connection.forSubject("bob");
        alice.exchangeCode(Sim.code("ada@example.com", REDIRECT));
        bob.exchangeCode(Sim.code("grace@example.com", REDIRECT));

        CompaniesApi aliceApi = alice.client(CompaniesApi.class);
        CompaniesApi bobApi = bob.client(CompaniesApi.class);
        assertThat(aliceApi.me().name()).isEqualTo("Ada Lovelace");
        assertThat(bobApi.me().name()).isEqualTo("Grace Hopper");
        assertThat(bobApi.list()).extracting(Company::id).containsExactly(101L);
        assertThat(alice.accessToken().value()).isNotEqualTo(bob.accessToken().value());

        assertThatThrownBy(() -> app.companies.me())
                .isInstanceOfSatisfying(ProcoreAuthorizationRequiredException.class, e -> assertThat(e.subject()).isEqualTo("default"));

        bob.revoke();
        assertThat(aliceApi.me().name()).isEqualTo("Ada Lovelace");
        assertThatThrownBy(bobApi::me).isInstanceOf(ProcoreAuthorizationRequiredException.class);
        close(aliceApi, bobApi);
    }

    @Test
    void anApplicationSubjectResolverDecidesWhoseTokensAreUsed() {
        boot(Map.of(), TenantResolver.class);
        TenantResolver.TENANT.set("tenant-a");
        app.connection.exchangeCode(Sim.code("ada@example.com", REDIRECT));
        TenantResolver.TENANT.set("tenant-b");
        app.connection.exchangeCode(Sim.code("grace@example.com", REDIRECT));
        try {
            TenantResolver.TENANT.set("tenant-a");
            assertThat(app.companies.me().name()).isEqualTo("Ada Lovelace");
            TenantResolver.TENANT.set("tenant-b");
            assertThat(app.companies.me().name()).isEqualTo("Grace Hopper");
            TenantResolver.TENANT.set("tenant-c");
            assertThatThrownBy(() -> app.companies.me())
                    .isInstanceOfSatisfying(ProcoreAuthorizationRequiredException.class, e -> assertThat(e.subject()).isEqualTo("tenant-c"));
        } finally {
            TenantResolver.TENANT.remove();
        }
    }

    @Test
    void aRevokedRefreshTokenRequiresAuthorizationQuicklyAndForgetsThePair() {
        boot(Map.of("procore.default.refresh-ahead", "PT0S"));
        sim.accessTokenLifetime(Duration.ofSeconds(1));
        app.connection.exchangeCode(Sim.code("ada@example.com", REDIRECT));
        sim.revokeAll(); // the user removed the app in Procore
        sleep(1100);

        assertThatThrownBy(() -> app.companies.me())
                .isInstanceOfSatisfying(ProcoreAuthorizationRequiredException.class, e -> {
                    assertThat(e.connection()).isEqualTo("default");
                    assertThat(e.authorizationUri().toString()).contains("/oauth/authorize?response_type=code")
                            .contains("redirect_uri=" + java.net.URLEncoder.encode(REDIRECT, java.nio.charset.StandardCharsets.UTF_8));
                });
        int tokenRequests = sim.counters().tokenRequests();
        int apiRequests = sim.counters().apiRequests();
        assertThat(sim.counters().tokenRequests("refresh_token")).isEqualTo(1);
        assertThat(apiRequests).as("the expired token was not sent").isZero();

        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> app.companies.me()).isInstanceOf(ProcoreAuthorizationRequiredException.class);
            assertThatThrownBy(() -> app.connection.accessToken()).isInstanceOf(ProcoreAuthorizationRequiredException.class);
        }
        assertThat(sim.counters().tokenRequests()).as("no retry loop against the token endpoint").isEqualTo(tokenRequests);
        assertThat(sim.counters().apiRequests()).isEqualTo(apiRequests);
    }

    @Test
    void aLostRefreshAnswerSpendsTheRefreshTokenSoAuthorizationIsRequired() {
        boot(Map.of("procore.default.refresh-ahead", "PT0S"));
        sim.accessTokenLifetime(Duration.ofSeconds(1));
        app.connection.exchangeCode(Sim.code("ada@example.com", REDIRECT));
        sleep(1100);
        sim.faults().loseNextTokenResponses(1);

        assertThatThrownBy(() -> app.connection.accessToken()).isInstanceOf(ProcoreAuthorizationRequiredException.class);
        assertThatThrownBy(() -> app.connection.accessToken()).isInstanceOf(ProcoreAuthorizationRequiredException.class);
        assertThat(sim.counters().tokenRequests("refresh_token")).as("the spent refresh token is not tried again").isEqualTo(1);

        app.connection.exchangeCode(Sim.code("ada@example.com", REDIRECT));
        assertThat(app.companies.me().name()).isEqualTo("Ada Lovelace");
    }

    @Test
    void revokeRevokesBothTokensAtProcoreAndForgetsThem() {
        boot(Map.of());
        app.connection.exchangeCode(Sim.code("ada@example.com", REDIRECT));
        app.companies.me();
        int live = sim.liveRefreshTokens();

        app.connection.revoke();

        assertThat(sim.counters().revocations()).as("the access token, then the refresh token (token_type_hint=refresh_token)").isEqualTo(2);
        assertThat(sim.liveRefreshTokens()).isEqualTo(live - 1);
        assertThatThrownBy(() -> app.connection.accessToken()).isInstanceOf(ProcoreAuthorizationRequiredException.class);
    }

    @Test
    void installedAppAuthorizationUriUsesTheOutOfBandRedirect() {
        boot(Map.of("procore.default.redirect-uri", "urn:ietf:wg:oauth:2.0:oob"));
        assertThat(app.connection.authorizationUri("st").toString())
                .contains("redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob").endsWith("state=st");
        app.connection.exchangeCode(Sim.code("grace@example.com", "urn:ietf:wg:oauth:2.0:oob"));
        assertThat(app.companies.me().name()).isEqualTo("Grace Hopper");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Object... clients) {
        for (Object c : clients) {
            try {
                ((AutoCloseable) c).close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
