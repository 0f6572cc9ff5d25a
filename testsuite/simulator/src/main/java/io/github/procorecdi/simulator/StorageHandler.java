package io.github.procorecdi.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The storage host of the simulator (like storage.procore.com), on its own port: takes {@code PUT}s of upload
 * segments at the presigned URLs the API handed out. Refuses any request that carries {@code Authorization},
 * {@code Cookie} or a {@code Procore-*} header (the URL is its own authentication), a wrong signature, missing or
 * changed signed headers, a wrong size or SHA-256; answers an {@code ETag} (the segment's MD5, quoted, as S3 does).
 */
final class StorageHandler implements HttpHandler {
    private final ProcoreSimulator sim;
    private final SimUploads uploads;

    StorageHandler(ProcoreSimulator sim, SimUploads uploads) {
        this.sim = sim;
        this.uploads = uploads;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        int status = serve(exchange);
        sim.recordStorage(exchange, status);
    }

    private int serve(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("PUT")) {
            return error(exchange, 405, "MethodNotAllowed", "segments are PUT");
        }
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("authorization") || name.equals("cookie") || name.startsWith("procore-")) {
                drain(exchange);
                return error(exchange, 400, "InvalidRequest", "the presigned URL is the authentication: header " + h.getKey()
                        + " must not be sent to the storage host");
            }
        }
        String[] parts = exchange.getRequestURI().getPath().split("/");
        SimUploads.Upload u = parts.length == 4 ? uploads.get(parts[2]) : null;
        int index = u == null ? -1 : parse(parts[3]);
        if (u == null || index < 0 || index >= u.etags.length) {
            drain(exchange);
            return error(exchange, 404, "NoSuchKey", "no such upload segment");
        }
        Map<String, String> q = Http.query(exchange);
        if (!u.signature.equals(q.get("X-Amz-Signature"))) {
            drain(exchange);
            return error(exchange, 403, "SignatureDoesNotMatch", "the URL's signature is not valid");
        }
        if (uploads.expireUrls) {
            drain(exchange);
            return error(exchange, 403, "AccessDenied", "Request has expired");
        }
        if (!u.contentType.equals(exchange.getRequestHeaders().getFirst("Content-Type"))
                || !"AES256".equals(exchange.getRequestHeaders().getFirst("x-amz-server-side-encryption"))) {
            drain(exchange);
            return error(exchange, 403, "SignatureDoesNotMatch", "a signed header is missing or differs from the one given");
        }
        if (takeFailure()) {
            drain(exchange);
            return error(exchange, uploads.segmentFailureStatus, "ServiceUnavailable", "simulated storage failure");
        }
        long expected = u.sizes.get(index)[0];
        MessageDigest sha = SimUploads.sha256();
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteArrayOutputStream kept = u.kept != null ? new ByteArrayOutputStream() : null;
        long count = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
                md5.update(buffer, 0, n);
                if (kept != null && count + n <= SimUploads.KEPT_BYTES) {
                    kept.write(buffer, 0, n);
                }
                count += n;
            }
        }
        if (count != expected) {
            return error(exchange, 400, "IncompleteBody", "segment " + (index + 1) + " has " + count + " bytes, " + expected + " declared");
        }
        String shaHex = HexFormat.of().formatHex(sha.digest());
        if (!shaHex.equals(u.segmentSha.get(index))) {
            return error(exchange, 400, "BadDigest", "segment " + (index + 1) + "'s SHA-256 does not match the one declared");
        }
        String etag = uploads.received(u, index, kept == null ? null : kept.toByteArray(), shaHex, HexFormat.of().formatHex(md5.digest()));
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        return 200;
    }

    private boolean takeFailure() {
        while (true) {
            int n = uploads.failNextSegments.get();
            if (n <= 0) {
                return false;
            }
            if (uploads.failNextSegments.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static int error(HttpExchange exchange, int status, String code, String message) throws IOException {
        Http.send(exchange, status, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                + "</Code><Message>" + Http.escape(message) + "</Message></Error>");
        return status;
    }
}
