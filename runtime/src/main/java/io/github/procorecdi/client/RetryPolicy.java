package io.github.procorecdi.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import io.github.procorecdi.ProcoreApiException;

/**
 * What to retry and how long to wait: 429 and 503 always (Procore did not process them), 500/502/504
 * and I/O failures only for idempotent methods (or when the request provably never left), up to
 * {@code max-retries}. Waits honor {@code Retry-After}, and {@code X-Rate-Limit-Reset} when the answer
 * is a 429 or the limit is spent, plus jitter; else exponential backoff with full jitter. A wait above
 * {@link RateLimitPacer#MAX_WAIT} is not taken.
 */
final class RetryPolicy {
    static final long BASE_BACKOFF_MILLIS = 200;
    private static final long JITTER_MILLIS = 250;

    private final int maxRetries;
    private final Clock clock;
    private final Duration maxWait;

    RetryPolicy(int maxRetries, Clock clock, Duration maxWait) {
        this.maxRetries = maxRetries;
        this.clock = clock;
        this.maxWait = maxWait;
    }

    int maxRetries() {
        return maxRetries;
    }

    static boolean isRetryableStatus(int status, boolean idempotent) {
        return status == 429 || status == 503 || (idempotent && (status == 500 || status == 502 || status == 504));
    }

    /** @return how long to wait before retry number {@code retry + 1} of a failed answer, or {@code null} if too long */
    Duration waitAfter(ProcoreApiException failure, int retry) {
        Instant until = RateLimitHeaders.retryAt(failure.status(), failure.headers(), clock);
        if (until != null) {
            long millis = Math.max(0, until.toEpochMilli() - clock.millis());
            if (millis > maxWait.toMillis()) {
                return null;
            }
            return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(JITTER_MILLIS));
        }
        return backoff(retry);
    }

    /** Exponential backoff with full jitter: a random wait in [0, base * 2^retry], at least 50 ms. */
    Duration backoff(int retry) {
        long ceiling = Math.min(maxWait.toMillis(), BASE_BACKOFF_MILLIS << Math.min(retry, 16));
        return Duration.ofMillis(Math.max(50, ThreadLocalRandom.current().nextLong(ceiling + 1)));
    }
}
