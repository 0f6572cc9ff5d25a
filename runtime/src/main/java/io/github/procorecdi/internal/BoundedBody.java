package io.github.procorecdi.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.net.http.HttpResponse;

/**
 * Reads a response body of at most {@link #MAX_BYTES}: Procore's token and error answers are a few
 * hundred bytes, so anything larger is refused instead of filling the heap.
 */
public final class BoundedBody {
    /** 64 KiB: far above any token, error or webhook body Procore sends. */
    public static final int MAX_BYTES = 64 * 1024;

    private BoundedBody() {
    }

    /** Thrown when a body exceeds the cap. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(int max) {
            super("the answer body exceeds " + max + " bytes");
        }
    }

    /**
     * @return at most {@code max} bytes of {@code in} as UTF-8 text
     * @throws TooLargeException beyond that
     */
    public static String read(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > max) {
                throw new TooLargeException(max);
            }
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** @return at most {@code max} bytes of {@code in} as UTF-8 text, the rest unread (the stream is closed) */
    public static String readAtMost(InputStream in, int max) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(max);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** @return a JDK HTTP client body handler that reads at most {@link #MAX_BYTES} as UTF-8 text */
    public static HttpResponse.BodyHandler<String> handler() {
        return info -> new Subscriber(MAX_BYTES);
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<String> {
        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Subscriber(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                if (bytes.size() + b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLargeException(max));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
