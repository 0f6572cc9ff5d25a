package io.github.procorecdi.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one connection (one per connection per application), all daemons named
 * {@code procore-cdi-<connection>-<kind>-<n>}: one timer for short tasks that must run at a moment (the waits of
 * asynchronous retries and pacing, a cached token falling due) and the pools its parts ask for. Nothing is shared
 * between connections or applications, and {@link #close()} stops every thread these executors started: an undeployed
 * application leaves no thread behind (a thread would keep its class loader reachable). Threads start at their first task
 * and end a minute after their last one, so an idle connection keeps none. A thread copies no inheritable thread-local
 * of the thread whose task started it (a server's request thread, whose values may belong to the request or the server).
 */
public final class RuntimeThreads implements AutoCloseable {
    /** How long {@link #close()} waits for the threads to end (a task in a blocking call the interrupt cannot reach). */
    static final long CLOSE_WAIT_MILLIS = 5000;

    private final String prefix;
    private final ScheduledThreadPoolExecutor timer;
    private final List<ExecutorService> owned = new CopyOnWriteArrayList<>();
    /** The threads started and not yet ended (an executor counts itself terminated a moment before its last thread ends). */
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private RuntimeThreads(String prefix) {
        this.prefix = prefix;
        this.timer = new ScheduledThreadPoolExecutor(1, daemons("timer"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(1, TimeUnit.MINUTES);
        timer.allowCoreThreadTimeOut(true);
        owned.add(timer);
    }

    /** @return the threads of connection {@code connection}, none started yet */
    public static RuntimeThreads of(String connection) {
        return new RuntimeThreads("procore-cdi-" + connection + "-");
    }

    /**
     * @return threads of a part made apart from any connection's runtime (the jdbc store's threads outside callers'
     *         transactions: its connections are resolved at deployment), named {@code procore-cdi-<kind>-<n>}; the part
     *         that asks for them owns them and closes them
     */
    public static RuntimeThreads unattached() {
        return new RuntimeThreads("procore-cdi-");
    }

    /** @return the timer; its tasks must be short and never block */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** @return a cached pool of daemon threads named {@code procore-cdi-<connection>-<kind>-1}, ...; stopped by {@link #close()} */
    public ExecutorService pool(String kind) {
        return own(Executors.newCachedThreadPool(daemons(kind)));
    }

    /**
     * @return a pool of at most {@code threads} daemon threads named {@code procore-cdi-<connection>-<kind>-1}, ... with a
     *         queue of at most {@code queue} tasks; a task beyond that is rejected ({@link RejectedExecutionException}); idle
     *         threads end after a minute; stopped by {@link #close()}
     */
    public ExecutorService boundedPool(String kind, int threads, int queue) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(queue),
                daemons(kind));
        pool.allowCoreThreadTimeOut(true);
        return own(pool);
    }

    private ExecutorService own(ExecutorService executor) {
        owned.add(executor);
        if (closed) { // closed meanwhile: close() may have missed it
            executor.shutdownNow();
        }
        return executor;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** @return how many of the threads are alive */
    public int liveThreads() {
        return live.size();
    }

    /**
     * Stops every executor (pending tasks are dropped, running ones interrupted) and waits, at most
     * {@link #CLOSE_WAIT_MILLIS} in all, for their threads to end. Later tasks are rejected.
     */
    @Override
    public void close() {
        closed = true;
        for (ExecutorService executor : owned) {
            executor.shutdownNow();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        try {
            for (Thread t : live) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || t == Thread.currentThread()) {
                    continue;
                }
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ThreadFactory daemons(String kind) {
        AtomicInteger n = new AtomicInteger();
        String name = prefix + kind + "-";
        return r -> {
            // no inheritable thread-local of the thread that happens to start it (a server's request thread)
            Thread t = new Thread(null, () -> {
                try {
                    r.run();
                } finally {
                    live.remove(Thread.currentThread());
                }
            }, name + n.incrementAndGet(), 0, false);
            t.setDaemon(true);
            live.add(t);
            return t;
        };
    }

    @Override
    public String toString() {
        return "RuntimeThreads[" + prefix + "*" + (closed ? ", closed" : "") + "]";
    }
}
