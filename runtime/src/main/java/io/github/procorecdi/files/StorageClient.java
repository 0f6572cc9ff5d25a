package io.github.procorecdi.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.internal.BoundedBody;
import io.github.procorecdi.internal.Hosts;
import io.github.procorecdi.internal.HttpClients;

/**
 * PUTs segments to the presigned URLs of Procore's storage host. This is deliberately not a client of the
 * connection: the request carries exactly the headers Procore returned for the segment, and nothing of ours (no
 * {@code Authorization}, no {@code Procore-Company-Id}, no {@code User-Agent} of the connection, no cookies; the JDK
 * client has no cookie handler unless one is set). Redirects are not followed. A 5xx, 429 or I/O failure is sent
 * again (a PUT of the same bytes is idempotent), up to {@code max-retries}, with exponential backoff and full jitter.
 * Its HTTP client is the connection's: {@link #close()} lets go of it when the connection closes.
 */
final class StorageClient {
    /** Headers the JDK client sets itself from the request (it refuses them as request headers). */
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final long BASE_BACKOFF_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 10_000;
    /** Time allowed per byte of a segment beyond the read timeout: 1 s per MiB (about 1 MiB/s at the slowest). */
    private static final long NANOS_PER_BYTE = 1_000_000_000L / (1024 * 1024);

    /** {@code null} once {@link #close()}d: nothing of the closed connection keeps the client (and its thread) alive. */
    private volatile HttpClient http;
    private final int maxRetries;
    private final Duration readTimeout;

    StorageClient(ConnectionConfig config) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.maxRetries = config.maxRetries();
        this.readTimeout = config.readTimeout();
    }

    /**
     * Lets go of the HTTP client (the connection closes): shut down at once on Java 21 and later; before, it ends when
     * collected, which this makes possible even while the application still holds an uploads object
     * ({@link HttpClients}). Later PUTs fail without being sent.
     */
    void close() {
        HttpClient client = http;
        http = null;
        HttpClients.shutDown(client, "the uploads' storage host");
    }

    /**
     * @param step what to name in a failure, e.g. {@code upload 123: segment 2 of 3}
     * @return the segment's {@code ETag}
     */
    String put(String step, URI url, Map<String, String> headers, Path file, SegmentPlan.Segment segment) {
        checkUrl(step, url);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(readTimeout.plusNanos(segment.size() * NANOS_PER_BYTE))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> open(file, segment)), segment.size()));
        headers.forEach((name, value) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        HttpRequest put = request.build();
        for (int attempt = 0; ; attempt++) {
            HttpClient client = http;
            if (client == null) {
                throw new ProcoreException(step + ": not sent: the connection is closed (its application stopped)");
            }
            String failure;
            try {
                HttpResponse<InputStream> answer = client.send(put, HttpResponse.BodyHandlers.ofInputStream());
                String body = BoundedBody.readAtMost(answer.body(), BoundedBody.MAX_BYTES);
                int status = answer.statusCode();
                if (status >= 200 && status < 300) {
                    String etag = answer.headers().firstValue("ETag").orElse(null);
                    if (etag == null || etag.isBlank()) {
                        throw new ProcoreException(step + ": the storage host answered " + status + " without an ETag");
                    }
                    return etag;
                }
                if (status != 429 && status < 500 || attempt >= maxRetries) {
                    throw new ProcoreApiException(step + ": PUT to the storage host (" + url.getHost() + ") answered " + status
                            + (status == 403 ? " (an expired or refused presigned URL)" : "") + retried(attempt),
                            status, body, answer.headers().map());
                }
                failure = "HTTP " + status;
            } catch (IOException e) {
                if (attempt >= maxRetries) {
                    throw new ProcoreException(step + ": PUT to the storage host (" + url.getHost() + ") failed: " + e
                            + retried(attempt), e);
                }
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcoreException(step + ": interrupted", e);
            }
            sleep(step, failure, attempt);
        }
    }

    private static String retried(int attempt) {
        return attempt == 0 ? "" : " (after " + attempt + " retr" + (attempt == 1 ? "y" : "ies") + ")";
    }

    private static void sleep(String step, String failure, int attempt) {
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, BASE_BACKOFF_MILLIS << Math.min(attempt, 16));
        try {
            Thread.sleep(Math.max(50, ThreadLocalRandom.current().nextLong(ceiling + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcoreException(step + ": interrupted while waiting to send again after " + failure, e);
        }
    }

    /** Presigned URLs are https; http only to a loopback host (a local simulator), as for the connection's own URLs. */
    private static void checkUrl(String step, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if (!scheme.equals("https") && !(scheme.equals("http") && Hosts.isLoopback(host))) {
            throw new ProcoreException(step + ": Procore returned a segment URL that is not https (" + scheme + "://" + host
                    + "); not sending the file there");
        }
    }

    private static InputStream open(Path file, SegmentPlan.Segment segment) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(segment.offset());
            return new Bounded(in, segment.size());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first {@code remaining} bytes of a stream. */
    private static final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
