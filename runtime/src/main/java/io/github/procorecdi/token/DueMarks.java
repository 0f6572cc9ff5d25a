package io.github.procorecdi.token;

import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The marks one token manager has pending on its connection's timer: each marks a cache entry due at its renewal time. A
 * mark holds its entry weakly (an entry already replaced is not kept alive, nor its token in memory), and
 * {@link #close()} cancels every pending mark, so that nothing of a closed connection (an undeployed application's
 * classes included) waits on the timer.
 *
 * @param <T> the entry type
 */
final class DueMarks<T> {
    private final Consumer<T> markDue;
    private final ScheduledExecutorService timer;
    private final Set<Mark> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param markDue what marking an entry due does
     * @param timer   the connection's timer
     */
    DueMarks(Consumer<T> markDue, ScheduledExecutorService timer) {
        this.markDue = markDue;
        this.timer = timer;
    }

    /** @return whether the timer will mark {@code entry} due in {@code millis} (not after {@link #close()}) */
    boolean schedule(T entry, long millis) {
        if (closed) {
            return false;
        }
        Mark mark = new Mark(entry);
        pending.add(mark);
        try {
            mark.future = timer.schedule(mark, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending.remove(mark);
            return false;
        }
        if (closed) { // closed meanwhile: close() may have missed the future
            mark.future.cancel(false);
            pending.remove(mark);
            return false;
        }
        return true;
    }

    /** @return how many marks are pending */
    int pending() {
        return pending.size();
    }

    /** Cancels every pending mark; later entries get none. */
    void close() {
        closed = true;
        for (Mark mark : pending) {
            Future<?> f = mark.future;
            if (f != null) {
                f.cancel(false);
            }
        }
        pending.clear();
    }

    private final class Mark implements Runnable {
        private final WeakReference<T> entry;
        volatile Future<?> future;

        Mark(T entry) {
            this.entry = new WeakReference<>(entry);
        }

        @Override
        public void run() {
            pending.remove(this);
            T e = entry.get();
            if (e != null) {
                markDue.accept(e);
            }
        }
    }
}
