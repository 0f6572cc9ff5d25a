package io.github.procorecdi.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.internal.LogIds;
import io.github.procorecdi.store.MemoryTokenStore;

/**
 * Issue 21 items 6 (unreachable hosts named), 7 (revoke sends both tokens), 8 (expiry counted from the sending time) and
 * issue 20 items 5 (nesting too deep: a token exception) and 6 (a clock far ahead: warned once, no renewal per call).
 */
class TokenEndpointRulesTest {
    HttpServer server;
    final List<String> revokeForms = new CopyOnWriteArrayList<>();
    final AtomicInteger tokenRequests = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    interface Answer {
        void answer(HttpExchange exchange) throws Exception;
    }

    URI start(Answer token, Answer revoke) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth/token", exchange -> {
            tokenRequests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            run(token, exchange);
        });
        server.createContext("/oauth/revoke", exchange -> {
            revokeForms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            run(revoke, exchange);
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static void run(Answer a, HttpExchange exchange) {
        try {
            a.answer(exchange);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ConnectionConfig config(URI base) {
        return ConnectionConfig.builder("t").client("the-client", "CLIENT-SECRET-VALUE").redirectUri("http://localhost/cb")
                .urls(base, base).timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).build();
    }

    static void send(HttpExchange exchange, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String field(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Test
    void revokeSendsTheRefreshTokenTooWhateverTheFirstAnswerWas() throws Exception {
        AtomicInteger revokes = new AtomicInteger();
        URI base = start(e -> send(e, 500, "{}"), e -> send(e, revokes.incrementAndGet() == 1 ? 503 : 200, "{}"));
        TokenEndpoint endpoint = new TokenEndpoint(config(base), Clock.systemUTC());
        AccessToken pair = new AccessToken("AT-1", "bearer", Instant.now().plusSeconds(60), "RT-1", Instant.now());
        assertThatThrownBy(() -> endpoint.revoke(pair)).isInstanceOf(ProcoreTokenException.class)
                .hasMessageContaining("revoke request (access token)").hasMessageContaining("503")
                .hasMessageNotContaining("AT-1").hasMessageNotContaining("RT-1");
        assertThat(revokeForms).hasSize(2);
        assertThat(field(revokeForms.get(0), "token")).isEqualTo("AT-1");
        assertThat(field(revokeForms.get(1), "token")).isEqualTo("RT-1");
        assertThat(field(revokeForms.get(1), "token_type_hint")).isEqualTo("refresh_token");
        assertThat(field(revokeForms.get(1), "client_id")).isEqualTo("the-client");

        revokeForms.clear();
        endpoint.revoke(pair); // both 200
        assertThat(revokeForms).hasSize(2);
        revokeForms.clear();
        endpoint.revoke(new AccessToken("AT-2", "bearer", Instant.now().plusSeconds(60), null, Instant.now()));
        assertThat(revokeForms).as("client credentials: no refresh token to revoke").hasSize(1);
    }

    @Test
    void aTokensLifeIsCountedFromWhenItsRequestWasSent() throws Exception {
        URI base = start(e -> {
            Thread.sleep(1_500); // Procore issued it at once; the answer is read 1.5 s later
            send(e, 200, "{\"access_token\":\"AT\",\"token_type\":\"bearer\",\"expires_in\":5400}");
        }, e -> send(e, 200, "{}"));
        TokenEndpoint endpoint = new TokenEndpoint(config(base), Clock.systemUTC());
        Instant before = Instant.now();
        AccessToken token = endpoint.clientCredentials();
        assertThat(Duration.between(before, token.expiresAt()).toMillis()).as("expiry counted from the sending time")
                .isLessThan(5_400_000 + 1_000);
    }

    @Test
    void anAnswerNestedDeeperThanAnyParserTakesIsATokenException() {
        for (int depth : new int[] {2_000, 30_000}) {
            String body = "{\"access_token\":\"AT\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            assertThatThrownBy(() -> TokenResponses.accessToken(200, body, Instant.now()))
                    .isExactlyInstanceOf(ProcoreTokenException.class).hasMessageContaining("nested deeper than " + 100 + " levels");
            assertThatThrownBy(() -> TokenResponses.tokenInfo(200, body, Instant.now())).isInstanceOf(ProcoreTokenException.class);
        }
    }

    @Test
    void aNodeWhoseClockRunsTwoHoursAheadWarnsOnceAndDoesNotRenewOnEveryCall() throws Exception {
        // Procore's created_at is real time; this node's clock is 2 h ahead: created_at + 5400 s is past at receipt
        URI base = start(e -> send(e, 200, "{\"access_token\":\"AT-" + tokenRequests.get() + "\",\"token_type\":\"bearer\",\"expires_in\":5400,"
                + "\"created_at\":" + Instant.now().getEpochSecond() + "}"), e -> send(e, 200, "{}"));
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(TokenEndpoint.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        TokenManager tokens = TokenManager.builder("t").grantType(GrantType.CLIENT_CREDENTIALS).endpoint(new TokenEndpoint(config(base), ahead)).store(() -> new MemoryTokenStore())
                .authorizationUri(() -> null).clock(ahead).refreshAhead(Duration.ofMinutes(5)).lease(Duration.ofSeconds(30)).build();
        try {
            for (int i = 0; i < 10; i++) {
                AccessToken t = tokens.token("svc");
                assertThat(t.expiresAt()).as("counted from this node's clock").isAfter(ahead.instant().plusSeconds(5_000));
            }
            assertThat(tokenRequests).as("10 calls, 1 token request").hasValue(1);
            new TokenEndpoint(config(base), ahead).clientCredentials(); // another connection warns for itself
        } finally {
            tokens.close();
            log.removeHandler(capture);
        }
        java.util.logging.Formatter format = new java.util.logging.SimpleFormatter();
        assertThat(warnings).extracting(format::formatMessage).filteredOn(m -> m.startsWith(LogIds.CLOCK_AHEAD)).hasSize(2)
                .allSatisfy(m -> assertThat(m).contains("clock runs at least").contains("ahead of Procore"));
        assertThat(Long.parseLong((String) warnings.get(0).getParameters()[2])).isBetween(7_100L, 7_300L);
    }

    @Test
    void aHostThatDoesNotAnswerIsNamedWithThePropertyThatSetIt() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        URI base = URI.create("http://127.0.0.1:" + closed);
        TokenEndpoint endpoint = new TokenEndpoint(config(base), Clock.systemUTC());
        assertThatThrownBy(endpoint::clientCredentials).isInstanceOf(ProcoreTokenException.class)
                .hasMessageContaining("nothing accepts connections at 127.0.0.1:" + closed)
                .hasMessageContaining("is set by procore.t.login-url").hasMessageNotContaining("ClosedChannelException");

        ConnectionConfig unknown = ConnectionConfig.builder("t").client("the-client", "CLIENT-SECRET-VALUE").grantType(io.github.procorecdi.GrantType.CLIENT_CREDENTIALS)
                .environment(io.github.procorecdi.config.ProcoreEnvironment.SANDBOX)
                .urls(URI.create("https://login-sandbox.procore.invalid"), URI.create("https://sandbox.procore.invalid"))
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> new TokenEndpoint(unknown, Clock.systemUTC()).clientCredentials()).isInstanceOf(ProcoreTokenException.class)
                .hasMessageContaining("the host 'login-sandbox.procore.invalid' does not resolve")
                .hasMessageContaining("procore.t.login-url").hasMessageNotContaining("UnresolvedAddressException");
        String fromEnvironment = io.github.procorecdi.config.UnreachableUrls.explain(ConnectionConfig.builder("t").client("c", "s").grantType(io.github.procorecdi.GrantType.CLIENT_CREDENTIALS).build(),
                URI.create("https://login.procore.com"), "login-url", new java.net.ConnectException());
        assertThat(fromEnvironment).contains("nothing accepts connections at login.procore.com:443")
                .contains("the login-url of procore.t.environment=production (procore.t.login-url overrides it)");
    }
}
