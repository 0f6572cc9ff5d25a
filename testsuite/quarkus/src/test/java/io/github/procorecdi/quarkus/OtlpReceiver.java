package io.github.procorecdi.quarkus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP/HTTP receiver on 127.0.0.1 (the same as testsuite/servers' one, which this module does not depend on): it takes what a server's OpenTelemetry exporter posts to
 * {@code /v1/metrics} and {@code /v1/traces} (protobuf, where metric, span and attribute names are plain UTF-8).
 */
public final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<String> metrics = new CopyOnWriteArrayList<>();
    private final List<String> traces = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/", exchange -> {
                byte[] body;
                try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    body = out.toByteArray();
                }
                String text = new String(body, StandardCharsets.ISO_8859_1);
                String path = exchange.getRequestURI().getPath();
                if (path.endsWith("/v1/metrics")) {
                    receiver.metrics.add(text);
                } else if (path.endsWith("/v1/traces")) {
                    receiver.traces.add(text);
                }
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the endpoint to give {@code otel.exporter.otlp.endpoint} */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return whether an export of metrics named {@code text} (and anything else the export holds) arrived */
    public boolean metricsContain(String... texts) {
        return metrics.stream().anyMatch(m -> containsAll(m, texts));
    }

    /** @return whether an export of spans containing every one of {@code texts} arrived */
    public boolean tracesContain(String... texts) {
        return traces.stream().anyMatch(t -> containsAll(t, texts));
    }

    /** @return whether any export (metrics or spans) contains {@code text} */
    public boolean anyContains(String text) {
        return metrics.stream().anyMatch(m -> m.contains(text)) || traces.stream().anyMatch(t -> t.contains(text));
    }

    public int exports() {
        return metrics.size() + traces.size();
    }

    private static boolean containsAll(String export, String... texts) {
        for (String t : texts) {
            if (!export.contains(t)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
