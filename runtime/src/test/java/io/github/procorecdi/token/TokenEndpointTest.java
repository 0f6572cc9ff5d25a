package io.github.procorecdi.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.connection.ConnectionRuntime;

/** The OAuth endpoint against a token server that misbehaves on the wire. */
class TokenEndpointTest {
    HttpServer server;
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger redirectTargetHits = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    TokenEndpoint endpoint(HttpHandler tokenHandler, Duration connect, Duration read) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth/token", exchange -> {
            hits.incrementAndGet();
            tokenHandler.handle(exchange);
        });
        server.createContext("/elsewhere", exchange -> {
            redirectTargetHits.incrementAndGet();
            send(exchange, 200, "{\"access_token\":\"stolen\",\"expires_in\":5400}");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new TokenEndpoint(config(base, connect, read), Clock.systemUTC());
    }

    static ConnectionConfig config(URI base, Duration connect, Duration read) {
        return ConnectionConfig.builder("t").client("the-client", "CLIENT-SECRET-VALUE").redirectUri("http://localhost/cb")
                .urls(base, base).timeouts(connect, read).build();
    }

    static void send(HttpExchange exchange, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void anAnswerThatTricklesInPastTheDeadlineIsAbandonedWithinItAndCountsAsSpent() throws Exception {
        // headers at once, then one byte every 200 ms: a per-read timeout of 1 s never fires
        TokenEndpoint endpoint = endpoint(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 150; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (Exception e) {
                // the client hung up: what we want
            }
        }, Duration.ofMillis(500), Duration.ofSeconds(1));
        long start = System.nanoTime();
        assertThatThrownBy(() -> endpoint.refresh("REFRESH-SECRET")).isInstanceOfSatisfying(TokenEndpointException.class, e -> {
            assertThat(e.mayHaveReachedServer()).as("a refresh that reached Procore has spent its token").isTrue();
            assertThat(e.getMessage()).contains("no complete answer within PT2.5S").doesNotContain("REFRESH-SECRET")
                    .doesNotContain("CLIENT-SECRET-VALUE");
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("the hard deadline (connect + read)").isLessThan(Duration.ofMillis(2500 + 1000));
        assertThat(ConnectionRuntime.lease(config(URI.create("http://127.0.0.1:1"), Duration.ofMillis(500), Duration.ofSeconds(1))))
                .as("a claim outlives the request it covers").isGreaterThan(TokenEndpoint.deadline(config(URI.create("http://127.0.0.1:1"),
                        Duration.ofMillis(500), Duration.ofSeconds(1))));
    }

    @Test
    void anOversizedAnswerIsRefusedNotBuffered() throws Exception {
        TokenEndpoint endpoint = endpoint(exchange -> send(exchange, 400, "{\"error\":\"" + "x".repeat(1_000_000) + "\"}"),
                Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThatThrownBy(() -> endpoint.clientCredentials()).isInstanceOf(ProcoreTokenException.class)
                .hasMessageContaining("exceeds 65536 bytes");
    }

    @Test
    void aRedirectIsNeverFollowed() throws Exception {
        TokenEndpoint endpoint = endpoint(exchange -> {
            exchange.getResponseHeaders().set("Location", "/elsewhere");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        }, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThatThrownBy(() -> endpoint.clientCredentials()).isInstanceOfSatisfying(ProcoreTokenException.class,
                e -> assertThat(e.status()).isEqualTo(307));
        assertThat(redirectTargetHits).as("the client secret never went to the redirect target").hasValue(0);
    }

    @Test
    void invalidClientNamesThePropertiesToCheck() throws Exception {
        TokenEndpoint endpoint = endpoint(exchange -> send(exchange, 401,
                "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"), Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> endpoint.clientCredentials()).hasMessageContaining("procore.t.client-id")
                .hasMessageContaining("procore.t.client-secret").hasMessageContaining("procore.t.environment")
                .hasMessageNotContaining("CLIENT-SECRET-VALUE");
    }

    @Test
    void aRefusedConnectionProvablyNeverLeft() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        TokenEndpoint endpoint = new TokenEndpoint(config(nowhere, Duration.ofSeconds(1), Duration.ofSeconds(1)), Clock.systemUTC());
        assertThatThrownBy(() -> endpoint.refresh("r")).isInstanceOfSatisfying(TokenEndpointException.class, e -> {
            assertThat(e.mayHaveReachedServer()).isFalse();
            assertThat(e.getMessage()).contains("before it was sent").contains("procore.t.login-url");
        });
    }
}
