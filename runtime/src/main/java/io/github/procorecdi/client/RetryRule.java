package io.github.procorecdi.client;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * How many times, and for what, procore-cdi sends a failed call of one method again. Procore's own rules always hold
 * on top (only 429/503, and 500/502/504 or I/O failures of idempotent methods; {@code Retry-After} honoured); this only
 * says how far to go.
 *
 * @param maxRetries  further sends after the first (0: none)
 * @param minDelay    the least wait before each further send
 * @param maxDuration no further send starts once this long has passed since the call began ({@code null}: no bound)
 * @param retryable   which failures may be retried at all
 */
public record RetryRule(int maxRetries, Duration minDelay, Duration maxDuration, Predicate<Throwable> retryable) {
    private static final Predicate<Throwable> ANY = failure -> true;

    /** @return the connection's {@code max-retries}, nothing else */
    public static RetryRule configured(int maxRetries) {
        return new RetryRule(maxRetries, Duration.ZERO, null, ANY);
    }

    /** @return no retry by procore-cdi (something else decides the attempts) */
    public static RetryRule none() {
        return new RetryRule(0, Duration.ZERO, null, ANY);
    }

    /** @return whether a further send may start {@code waitMillis} from now, for a call that began at {@code startNanos} */
    boolean inTime(long startNanos, long waitMillis) {
        return maxDuration == null || (System.nanoTime() - startNanos) / 1_000_000 + waitMillis <= maxDuration.toMillis();
    }
}
