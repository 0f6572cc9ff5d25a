package io.github.procorecdi.client;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Cleared {@link CallContext}s waiting for the next synchronous call, so that a call takes one and gives it back instead
 * of allocating one, and no thread keeps one between calls. A context is cleared before it comes back here: the pool holds
 * nothing of an application (no subject, token, route or client). Lock-free: each thread starts looking at a slot of its
 * own; with more calls in flight than {@link #SLOTS}, the extra contexts are allocated and left to the garbage collector.
 */
final class CallContextPool {
    /** Contexts kept (a power of two). */
    static final int SLOTS = 64;
    private static final AtomicReferenceArray<CallContext> FREE = new AtomicReferenceArray<>(SLOTS);

    private CallContextPool() {
    }

    /** @return a cleared context for one call, to hand back with {@link #release} */
    static CallContext claim() {
        int start = home();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            CallContext c = FREE.get(slot);
            if (c != null && FREE.compareAndSet(slot, c, null)) {
                return c;
            }
        }
        return new CallContext();
    }

    /** Clears {@code call} and keeps it for a later call (if a slot is free). */
    static void release(CallContext call) {
        call.clear();
        int start = home();
        for (int i = 0; i < SLOTS; i++) {
            int slot = (start + i) & (SLOTS - 1);
            if (FREE.get(slot) == null && FREE.compareAndSet(slot, null, call)) {
                return;
            }
        }
    }

    /** @return how many cleared contexts wait (tests) */
    static int free() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (FREE.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
    private static int home() {
        return (int) Thread.currentThread().getId();
    }
}
