package io.github.procorecdi.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime's own threads, all daemons named {@code procore-cdi-*}: one timer for short tasks that must run at a
 * moment (the waits of asynchronous retries and pacing, a cached token falling due) and pools created by the classes
 * that need them. The timer's thread starts at its first task and ends a minute after its last one, so an idle
 * application keeps no timer thread.
 */
public final class RuntimeThreads {
    private static final ScheduledThreadPoolExecutor TIMER = newTimer();

    private RuntimeThreads() {
    }

    /** @return the shared timer; its tasks must be short and never block */
    public static ScheduledExecutorService timer() {
        return TIMER;
    }

    /** @return a cached pool of daemon threads named {@code prefix1}, {@code prefix2}, ... */
    public static ExecutorService pool(String prefix) {
        return Executors.newCachedThreadPool(daemons(prefix));
    }

    /**
     * @return a pool of at most {@code threads} daemon threads named {@code prefix1}, {@code prefix2}, ... with a queue of at
     *         most {@code queue} tasks; a task beyond that is rejected ({@link java.util.concurrent.RejectedExecutionException});
     *         idle threads end after a minute
     */
    public static ExecutorService boundedPool(String prefix, int threads, int queue) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(queue),
                daemons(prefix));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("procore-cdi-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(1, TimeUnit.MINUTES);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
