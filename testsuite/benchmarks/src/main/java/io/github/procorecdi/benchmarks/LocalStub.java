package io.github.procorecdi.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

import com.sun.net.httpserver.HttpServer;

import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * A local Procore stand-in for benchmarks: {@code POST /oauth/token} issues a 90-minute client-credentials token and
 * {@code GET /rest/v1.0/me} answers a small JSON object, both at once, on 127.0.0.1.
 */
public final class LocalStub implements AutoCloseable {
    private static final byte[] ME = "{\"id\":42,\"login\":\"ada@example.com\",\"name\":\"Ada Lovelace\"}".getBytes(StandardCharsets.UTF_8);
    private final HttpServer server;
    private final AtomicInteger tokenRequests = new AtomicInteger();

    public LocalStub() throws IOException {
        // without TCP_NODELAY every answer waits out the client's delayed ACK (about 40 ms a call on Linux)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "local-stub");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/oauth/token", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            tokenRequests.incrementAndGet();
            long now = System.currentTimeMillis() / 1000;
            byte[] body = ("{\"access_token\":\"at-" + System.nanoTime() + "\",\"token_type\":\"bearer\",\"expires_in\":5400,"
                    + "\"created_at\":" + now + "}").getBytes(StandardCharsets.UTF_8);
            answer(exchange, body);
        });
        server.createContext("/rest/v1.0/me", exchange -> answer(exchange, ME));
        server.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return procore-cdi's connection to this stub: a service account of company 101, {@code User-Agent: bench} */
    public Map<String, String> properties() {
        return Map.of("grant-type", "client_credentials", "client-id", "bench-client", "client-secret", "bench-secret",
                "login-url", url(), "api-url", url(), "company-id", "101", "user-agent", "bench");
    }

    /**
     * @return the baseline: the same MicroProfile Rest Client against this stub, with a filter that sets a static Bearer
     *         token and the two other headers procore-cdi sets
     */
    public MeApi staticBearerClient() {
        ClientRequestFilter bearer = request -> {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer static-token");
            request.getHeaders().putSingle("Procore-Company-Id", "101");
            request.getHeaders().putSingle(HttpHeaders.USER_AGENT, "bench");
        };
        return RestClientBuilder.newBuilder().baseUri(URI.create(url())).connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS).register(bearer).build(MeApi.class);
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
