package io.github.procorecdi.token;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.token.Slot.Flight;

/**
 * Single flight over the subjects' slots: at most one flight (a renewal, a sign-out, a code exchange) per subject at a
 * time; others wait for its result. A slot left without anything to keep is evicted atomically with the end of its
 * flight ({@link Flight#DEAD}), so memory does not grow with subjects that never had a token.
 */
final class Flights {
    final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final String connection;
    private final long waitMillis;

    /** @param waitMillis the longest a caller waits for another thread's flight */
    Flights(String connection, long waitMillis) {
        this.connection = connection;
        this.waitMillis = waitMillis;
    }

    /** Waits until every flight in progress has landed, at most until {@code deadlineNanos} ({@link System#nanoTime}). */
    void awaitLanding(long deadlineNanos) {
        for (Slot slot : slots.values()) {
            Flight running = slot.flight.get();
            long left = deadlineNanos - System.nanoTime();
            if (running != null && running != Flight.DEAD && left > 0) {
                try {
                    running.future.get(left, TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // its outcome is its callers'
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Evicts the slots whose last need ({@link Slot#lastNeededMillis}) is older than {@code idleMillis} before {@code now}. */
    void evictIdle(long now, long idleMillis) {
        for (Slot slot : slots.values()) {
            if (slot.lastNeededMillis() + idleMillis < now && slot.unsaved == null && slot.spent == null
                    && slot.flight.compareAndSet(null, Flight.DEAD)) {
                slots.remove(slot.subject, slot);
            }
        }
    }

    /** Runs {@code work} as the subject's flight, after any flight in progress. */
    <T> T exclusive(String subject, Function<Slot, T> work) {
        while (true) {
            Slot slot = slots.computeIfAbsent(subject, Slot::new);
            Flight running = slot.flight.get();
            if (running == Flight.DEAD) {
                slots.remove(subject, slot);
                continue;
            }
            if (running != null) {
                try {
                    running.future.get(waitMillis, TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // its outcome is not ours to report
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw interrupted(e);
                }
                continue;
            }
            Flight mine = new Flight();
            if (!slot.flight.compareAndSet(null, mine)) {
                continue;
            }
            return fly(slot, mine, work);
        }
    }

    /**
     * Runs {@code work} as the flight {@code mine} (already claimed on {@code slot}): waiters get what it leaves in the
     * slot's cache (nothing after a sign-out) or its failure; then the flight lands.
     */
    <T> T fly(Slot slot, Flight mine, Function<Slot, T> work) {
        try {
            T result = work.apply(slot);
            mine.future.complete(slot.cached);
            return result;
        } catch (RuntimeException | Error e) {
            mine.future.completeExceptionally(e);
            throw e;
        } finally {
            land(slot, mine);
        }
    }

    /** Ends a flight; a slot left without a token (and nothing pending) is evicted, atomically with the end of the flight. */
    void land(Slot slot, Flight mine) {
        if (slot.isEmpty() && slot.flight.compareAndSet(mine, Flight.DEAD)) {
            slots.remove(slot.subject, slot);
            return;
        }
        slot.flight.compareAndSet(mine, null);
    }

    CachedToken await(Flight running) {
        try {
            return running.future.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new ProcoreException("Procore connection '" + connection + "': token request failed", cause);
        } catch (TimeoutException e) {
            throw new ProcoreTokenException("Procore connection '" + connection + "': gave up after "
                    + Duration.ofMillis(waitMillis) + " waiting for the token request another thread is making", 0, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    ProcoreException interrupted(InterruptedException e) {
        return new ProcoreException("Procore connection '" + connection + "': interrupted while waiting for a token", e);
    }
}
