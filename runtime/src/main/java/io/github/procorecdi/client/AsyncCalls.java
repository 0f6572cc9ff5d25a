package io.github.procorecdi.client;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.procorecdi.internal.RuntimeThreads;

/**
 * The threads of {@code CompletionStage} client methods. {@link #SENDER} is the executor handed to every client
 * ({@code RestClientBuilder.executorService}): it carries the calling thread's {@link CallContext} (subject, company,
 * the token sent) to the thread that runs the request and its filters. {@link #TIMER} schedules the waits of retries
 * and rate-limit pacing: no thread sleeps while a call waits.
 */
final class AsyncCalls {
    private static final ExecutorService POOL = RuntimeThreads.pool("procore-cdi-async-");
    /** Schedules waits; never blocks. */
    static final ScheduledExecutorService TIMER = RuntimeThreads.timer();
    /** Runs asynchronous requests with the submitting thread's call context. */
    static final ExecutorService SENDER = new Carrying();

    private AsyncCalls() {
    }

    /** An executor over the shared pool that installs the submitter's context for the task; it cannot be shut down. */
    private static final class Carrying extends AbstractExecutorService {
        @Override
        public void execute(Runnable task) {
            CallContext carried = CallContext.current();
            POOL.execute(() -> {
                CallContext previous = CallContext.swap(carried);
                try {
                    task.run();
                } finally {
                    CallContext.swap(previous);
                }
            });
        }

        @Override
        public void shutdown() {
            // shared by every client
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }
    }
}
