package io.github.procorecdi.client;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.procorecdi.internal.RuntimeThreads;

/**
 * The threads of one connection's {@code CompletionStage} client methods, on the connection's {@link RuntimeThreads}
 * (stopped when it closes). {@link #sender()} is the executor handed to every client of the connection
 * ({@code RestClientBuilder.executorService}): it carries the calling thread's {@link CallContext} (subject, company, the
 * token sent) to the thread that runs the request and its filters, and takes it away again when the request is sent.
 * {@link #timer()} schedules the waits of retries and rate-limit pacing: no thread sleeps while a call waits.
 */
final class AsyncCalls {
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    private final ExecutorService sender = new Carrying();

    /** @param threads the connection's threads */
    AsyncCalls(RuntimeThreads threads) {
        this.pool = threads.pool("async");
        this.timer = threads.timer();
    }

    /** @return the timer that schedules waits; never blocks */
    ScheduledExecutorService timer() {
        return timer;
    }

    /** @return the executor that runs asynchronous requests with the submitting thread's call context */
    ExecutorService sender() {
        return sender;
    }

    /**
     * An executor over the connection's pool that installs the submitter's context for the task; it cannot be shut down
     * by a client (the connection stops the pool when it closes).
     */
    private final class Carrying extends AbstractExecutorService {
        @Override
        public void execute(Runnable task) {
            CallContext carried = CallContext.current();
            pool.execute(() -> {
                CallContext previous = CallContext.install(carried);
                try {
                    task.run();
                } finally {
                    CallContext.restore(previous);
                }
            });
        }

        @Override
        public void shutdown() {
            // shared by every client of the connection
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return pool.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return pool.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return pool.awaitTermination(timeout, unit);
        }
    }
}
