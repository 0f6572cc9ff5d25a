package io.github.procorecdi.token;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.github.procorecdi.internal.RuntimeThreads;

/**
 * The engine's work off the callers' threads: renewals ahead of expiry, storing a pair kept through a store outage,
 * revoking an ended session's tokens. One bounded pool per connection, on the connection's {@link RuntimeThreads} (stopped
 * when it closes), so a slow token endpoint blocks at most {@link #RENEWAL_THREADS} threads however many subjects renew
 * at once.
 */
final class BackgroundWork {
    /** Renewal threads of one connection. */
    static final int RENEWAL_THREADS = 4;
    /** Tasks waiting for a thread; beyond this a task is refused (callers keep their still-valid token, a later call asks again). */
    static final int RENEWAL_QUEUE = 10_000;
    /** Longest pause between the attempts of {@link #retry}. */
    static final long MAX_RETRY_MILLIS = 5000;
    private final RuntimeThreads threads;
    private final ExecutorService renewals;
    private final ScheduledExecutorService timer;
    /** Whether {@link #close()} stops {@link #threads}: the engine made them for itself. */
    private final boolean ownsThreads;

    /**
     * @param threads     the connection's threads: its renewal pool is made there
     * @param ownsThreads whether they were made for this engine alone, so that {@link #close()} stops them
     */
    BackgroundWork(RuntimeThreads threads, boolean ownsThreads) {
        this.threads = threads;
        this.renewals = threads.boundedPool("renewal", RENEWAL_THREADS, RENEWAL_QUEUE);
        this.timer = threads.timer();
        this.ownsThreads = ownsThreads;
    }

    /** @return the timer the engine's marks run on */
    ScheduledExecutorService timer() {
        return timer;
    }

    /** Stops the threads if this engine made them; a connection's own threads are stopped by the connection. */
    void close() {
        if (ownsThreads) {
            threads.close();
        }
    }

    /** @return whether {@code task} was queued (otherwise every thread is busy and the queue full, or the connection closed) */
    boolean submit(Runnable task) {
        try {
            renewals.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Runs {@code attempt} on a renewal thread {@code delayMillis} from now, and again at doubling intervals (at most
     * {@link #MAX_RETRY_MILLIS}) for as long as {@code pending} says so and {@code stopped} does not.
     */
    void retry(BooleanSupplier pending, BooleanSupplier stopped, Runnable attempt, long delayMillis) {
        if (stopped.getAsBoolean()) {
            return;
        }
        try {
            timer.schedule(() -> {
                if (!pending.getAsBoolean() || stopped.getAsBoolean()) {
                    return;
                }
                boolean queued = submit(() -> {
                    try {
                        attempt.run();
                    } catch (RuntimeException e) {
                        // looked at again below
                    }
                    if (pending.getAsBoolean()) {
                        retry(pending, stopped, attempt, Math.min(MAX_RETRY_MILLIS, delayMillis * 2));
                    }
                });
                if (!queued) {
                    retry(pending, stopped, attempt, MAX_RETRY_MILLIS);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the runtime is shutting down
        }
    }
}
