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

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.TokenInfo;
import io.github.procorecdi.simulator.ProcoreSimulator;
import io.github.procorecdi.simulator.RecordedRequest;
import jakarta.inject.Inject;

/** The foundation end to end: client credentials through injected REST clients, on Weld, against the simulator. */
@ExtendWith({ArquillianExtension.class, ResetSimulator.class})
class ClientCredentialsTest {

    @Deployment
    static JavaArchive deployment() {
        Map<String, String> config = new TreeMap<>();
        config.putAll(Sim.dmsa("default"));
        config.put("procore.default.company-id", "101");
        config.putAll(Sim.dmsa("second", Sim.SECOND_DMSA_ID, Sim.SECOND_DMSA_SECRET));
        config.put("procore.second.company-id", "202");
        config.putAll(Sim.dmsa("storm"));
        config.putAll(Sim.dmsa("short"));
        config.put("procore.short.refresh-ahead", "PT1S");
        config.putAll(Sim.web("user", "http://localhost:8080/procore/callback"));
        return ShrinkWrap.create(JavaArchive.class, "client-credentials.jar")
                .addClasses(ServiceAccountClients.class, CompaniesApi.class, ProjectsApi.class, Company.class, Project.class, Me.class,
                        AnnotatedApi.class, TraceHeaderFilter.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsManifestResource(new StringAsset(Sim.properties(config)), "microprofile-config.properties");
    }

    @Inject
    ServiceAccountClients clients;

    ProcoreSimulator sim = Sim.get();

    @Test
    void injectedInterfaceCallsTheApiWithAServiceAccountToken() {
        List<Company> companies = clients.companies.list();

        assertThat(companies).extracting(Company::id).containsExactly(101L, 202L);
        assertThat(sim.counters().tokenRequests("client_credentials")).isLessThanOrEqualTo(1);
        assertThat(clients.companies.me().name()).isEqualTo("Service Account");
    }

    @Test
    void tokenIsReusedAcrossCalls() {
        clients.companies.list();
        int before = sim.counters().tokenRequests();
        for (int i = 0; i < 20; i++) {
            clients.companies.list();
        }
        assertThat(sim.counters().tokenRequests()).isEqualTo(before);
        assertThat(sim.counters().apiRequests()).isEqualTo(21);
    }

    @Test
    void headersOnTheWire() {
        clients.companies.list();
        RecordedRequest request = sim.lastApiRequest();
        AccessToken token = clients.connection.accessToken();

        assertThat(request.header("Authorization")).isEqualTo("Bearer " + token.value());
        assertThat(request.header("Procore-Company-Id")).isEqualTo("101");
        assertThat(request.header("User-Agent")).startsWith("procore-cdi/");
    }

    @Test
    void registerProviderAndClientHeaderParamOfTheInterfaceKeepWorking() {
        assertThat(clients.annotated.list()).hasSize(2);
        RecordedRequest list = sim.lastApiRequest();
        assertThat(list.header("X-Trace-Id")).isEqualTo("trace-42");
        assertThat(list.header("X-App")).isEqualTo("procore-cdi-tests");
        assertThat(list.header("Authorization")).startsWith("Bearer ");
        assertThat(list.header("User-Agent")).startsWith("procore-cdi/");

        assertThat(clients.annotated.me().name()).isEqualTo("Service Account");
        assertThat(sim.lastApiRequest().header("User-Agent")).as("the interface's own User-Agent wins").isEqualTo("my-integration/2.0");
    }

    @Test
    void companyHeaderFromConfigIsUsedUnlessTheCallSetsItsOwn() {
        assertThat(clients.projects.list(101)).hasSize(3);
        assertThat(sim.lastApiRequest().header("Procore-Company-Id")).isEqualTo("101");

        assertThat(clients.projects.list("202", 202)).hasSize(100);
        assertThat(sim.lastApiRequest().header("Procore-Company-Id")).isEqualTo("202");
    }

    @Test
    void namedConnectionsAreKeptApart() {
        clients.companies.list();
        clients.secondCompanies.list();

        AccessToken first = clients.connection.accessToken();
        AccessToken second = clients.second.accessToken();
        assertThat(first.value()).isNotEqualTo(second.value());
        assertThat(clients.connection.name()).isEqualTo("default");
        assertThat(clients.second.name()).isEqualTo("second");
        assertThat(clients.connection.tokenInfo().applicationUid()).isEqualTo(ProcoreSimulator.DMSA_CLIENT_ID);
        assertThat(clients.second.tokenInfo().applicationUid()).isEqualTo(Sim.SECOND_DMSA_ID);
        assertThat(sim.lastApiRequest().header("Procore-Company-Id")).as("second's own company-id").isEqualTo("202");
    }

    @Test
    void connectionMethodsForClientCredentials() {
        assertThat(clients.connection.grantType()).isEqualTo(GrantType.CLIENT_CREDENTIALS);
        AccessToken token = clients.connection.accessToken();
        assertThat(token.refreshToken()).isNull();
        assertThat(token.tokenType()).isEqualToIgnoringCase("bearer");
        assertThat(token.expiresAt()).isAfter(token.createdAt());
        assertThat(token.toString()).doesNotContain(token.value());

        TokenInfo info = clients.connection.tokenInfo();
        assertThat(info.resourceOwnerId()).isNull();
        assertThat(info.expiresAt()).isAfter(java.time.Instant.now());

        assertThatThrownBy(() -> clients.connection.authorizationUri("state"))
                .isInstanceOf(ProcoreException.class).hasMessageContaining("authorization_code");
        assertThatThrownBy(() -> clients.connection.exchangeCode("code"))
                .isInstanceOf(ProcoreException.class).hasMessageContaining("authorization_code");
        assertThat(clients.connection.forSubject("someone").accessToken()).isEqualTo(token);
    }

    @Test
    void revokeRevokesAtProcoreAndTheNextCallGetsANewToken() {
        clients.companies.list();
        AccessToken old = clients.connection.accessToken();

        clients.connection.revoke();

        assertThat(sim.counters().revocations()).isEqualTo(1);
        int tokensBefore = sim.counters().tokenRequests();
        assertThat(clients.companies.list()).hasSize(2);
        assertThat(sim.counters().tokenRequests()).isEqualTo(tokensBefore + 1);
        assertThat(clients.connection.accessToken().value()).isNotEqualTo(old.value());
        assertThat(sim.counters().apiResponses(401)).isZero();
    }

    @Test
    void concurrentFirstCallsMakeExactlyOneTokenRequest() throws Exception {
        sim.faults().tokenDelay(Duration.ofMillis(300)); // keep the first request in flight while the others arrive
        int threads = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Company>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return clients.stormCompanies.list();
                }));
            }
            start.countDown();
            for (Future<List<Company>> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).hasSize(2);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sim.counters().tokenRequests("client_credentials")).isEqualTo(1);
        assertThat(sim.counters().apiResponses(200)).isEqualTo(threads);
    }

    @Test
    void tokenIsRenewedBeforeItExpiresSoNoCallEverSeesA401() throws Exception {
        sim.accessTokenLifetime(Duration.ofSeconds(3)); // renewed 1 s ahead (procore.short.refresh-ahead=PT1S)
        clients.shortConnection.revoke();
        long end = System.nanoTime() + Duration.ofMillis(4500).toNanos();
        int calls = 0;
        while (System.nanoTime() < end) {
            assertThat(clients.shortLived.list()).hasSize(2);
            calls++;
            Thread.sleep(50);
        }
        assertThat(calls).isGreaterThan(20);
        assertThat(sim.apiRequests()).filteredOn(r -> r.status() == 401).isEmpty();
        assertThat(sim.counters().tokenRequests("client_credentials")).isBetween(2, 3);
    }

    @Test
    void a401FromTheApiIsAnsweredWithOneNewTokenAndOneRetry() {
        clients.companies.list();
        int tokens = sim.counters().tokenRequests();
        sim.revokeAll();

        assertThat(clients.companies.list()).hasSize(2);

        assertThat(sim.counters().apiResponses(401)).isEqualTo(1);
        assertThat(sim.counters().tokenRequests()).isEqualTo(tokens + 1);
    }

    @Test
    void authorizationCodeConnectionWithoutTokensRequiresAuthorization() {
        assertThatThrownBy(() -> clients.userCompanies.list())
                .isInstanceOfSatisfying(ProcoreAuthorizationRequiredException.class, e -> {
                    assertThat(e.connection()).isEqualTo("user");
                    assertThat(e.subject()).isEqualTo("default");
                    assertThat(e.authorizationUri().toString()).startsWith(sim.loginUrl() + "/oauth/authorize?")
                            .contains("client_id=" + ProcoreSimulator.WEB_CLIENT_ID);
                });
        assertThat(sim.counters().apiRequests()).isZero();
        assertThat(sim.counters().tokenRequests()).isZero();
    }
}
