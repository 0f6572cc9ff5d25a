package io.github.procorecdi.simulator;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fault injection: scripted failures of the API and of the token endpoint. Thread-safe;
 * {@link #reset()} clears everything.
 */
public final class Faults {
    private final ConcurrentLinkedQueue<ApiFault> apiFaults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger lostTokenResponses = new AtomicInteger();
    private final AtomicInteger failedTokenRequests = new AtomicInteger();
    private volatile int tokenFailureStatus = 503;
    private final AtomicReference<Duration> tokenDelay = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Duration> apiDelay = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Duration> tokenTrickle = new AtomicReference<>(Duration.ZERO);
    private volatile java.util.concurrent.CountDownLatch wake = new java.util.concurrent.CountDownLatch(1);

    /**
     * The next {@code count} API requests are answered {@code status} (e.g. 429, 502, 503) without
     * being served.
     *
     * @param retryAfterSeconds the {@code Retry-After} header to send, or {@code null} for none
     */
    public Faults failNextApiCalls(int count, int status, Integer retryAfterSeconds) {
        for (int i = 0; i < count; i++) {
            apiFaults.add(new ApiFault(status, retryAfterSeconds, false));
        }
        return this;
    }

    /** The next {@code count} API requests are read, then the connection is closed without an answer. */
    public Faults dropNextApiResponses(int count) {
        for (int i = 0; i < count; i++) {
            apiFaults.add(new ApiFault(0, null, true));
        }
        return this;
    }

    /**
     * The next {@code count} token requests are fully processed (a refresh token is spent, a new pair
     * issued) but the answer is lost: the connection closes before any response is sent.
     */
    public Faults loseNextTokenResponses(int count) {
        lostTokenResponses.addAndGet(count);
        return this;
    }

    /** The next {@code count} token requests are answered {@code status} without being processed. */
    public Faults failNextTokenRequests(int count, int status) {
        tokenFailureStatus = status;
        failedTokenRequests.addAndGet(count);
        return this;
    }

    /** Every token request waits this long before it is processed (a slow authorization server). */
    public Faults tokenDelay(Duration delay) {
        tokenDelay.set(delay);
        return this;
    }

    /**
     * Every successful token answer is processed at once (a refresh token is spent) and then sent a byte at
     * a time, spread over {@code total}: an answer that trickles in, which no per-read timeout ever catches.
     */
    public Faults tokenTrickle(Duration total) {
        tokenTrickle.set(total);
        return this;
    }

    /** Every API request waits this long before it is processed. */
    public Faults apiDelay(Duration delay) {
        apiDelay.set(delay);
        return this;
    }

    /** Clears every fault. */
    public void reset() {
        apiFaults.clear();
        lostTokenResponses.set(0);
        failedTokenRequests.set(0);
        tokenDelay.set(Duration.ZERO);
        apiDelay.set(Duration.ZERO);
        tokenTrickle.set(Duration.ZERO);
        java.util.concurrent.CountDownLatch sleeping = wake;
        wake = new java.util.concurrent.CountDownLatch(1);
        sleeping.countDown(); // requests still sleeping in a delay finish now
    }

    /** Sleeps for {@code delay}, or until {@link #reset()}. */
    void pause(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            wake.await(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ApiFault nextApiFault() {
        return apiFaults.poll();
    }

    boolean takeLostTokenResponse() {
        return takeOne(lostTokenResponses);
    }

    int takeTokenFailure() {
        return takeOne(failedTokenRequests) ? tokenFailureStatus : 0;
    }

    Duration tokenDelay() {
        return tokenDelay.get();
    }

    Duration tokenTrickle() {
        return tokenTrickle.get();
    }

    Duration apiDelay() {
        return apiDelay.get();
    }

    private static boolean takeOne(AtomicInteger counter) {
        while (true) {
            int n = counter.get();
            if (n <= 0) {
                return false;
            }
            if (counter.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }

    record ApiFault(int status, Integer retryAfterSeconds, boolean drop) {
    }
}
