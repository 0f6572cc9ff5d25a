package io.github.procorecdi.client;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Where a synchronous call finds its {@link CallContext}, so that a call allocates nothing, leaves nothing on its thread
 * and makes no atomic read-modify-write: each thread that makes calls has a <em>home</em> context in a slot of a shared
 * table (chosen by its thread id), tagged with the thread (held weakly). Only that thread ever uses it, so taking it and
 * giving it back are plain reads and writes, and the request and response filters find it the same way: no thread-local
 * is read or written. A context is cleared when its call ends: the table holds nothing of an application between calls,
 * and no thread holds anything of procore-cdi.
 * <p>
 * Rare cases take a context of their own, installed on the thread-local for the call and taken off again when it ends: a
 * call made during another call of the same thread, and a thread that finds no slot (more than {@link #SLOTS} live
 * threads making calls). A new thread adopts an empty slot or one whose thread has ended (compare-and-set, once per
 * thread); the table never grows beyond {@link #SLOTS} contexts. Lock-free.
 */
final class CallContextPool {
    /** Home contexts kept (a power of two). */
    static final int SLOTS = 256;
    /** Slots a thread looks at, from the one its id names. */
    static final int PROBES = 4;
    private static final AtomicReferenceArray<CallContext> HOMES = new AtomicReferenceArray<>(SLOTS);

    private CallContextPool() {
    }

    /**
     * Starts a synchronous call on this thread: a cleared context, the one {@link CallContext#current()} answers until
     * {@link #exit} (in a {@code finally}).
     */
    static CallContext enter() {
        Thread thread = Thread.currentThread();
        CallContext home = home(thread);
        if (home != null && !home.inCall) {
            home.inCall = true;
            return home;
        }
        return home != null ? CallContext.installForCall(new CallContext()) : adopt(thread);
    }

    /** Ends the call {@code call} was entered for: clears it, and takes it off the thread. */
    static void exit(CallContext call) {
        if (call.home != null) {
            call.clear();
            call.inCall = false;
        } else {
            CallContext.uninstall(call);
        }
    }

    /** @return this thread's home context while a call of the thread is using it, else {@code null} */
    static CallContext inCall() {
        CallContext home = home(Thread.currentThread());
        return home != null && home.inCall ? home : null;
    }

    /** @return {@code thread}'s home context, or {@code null} */
    private static CallContext home(Thread thread) {
        int start = start(thread);
        for (int i = 0; i < PROBES; i++) {
            CallContext c = HOMES.get((start + i) & (SLOTS - 1));
            if (c != null && c.home.refersTo(thread)) {
                return c;
            }
        }
        return null;
    }

    /** A thread without a home context: takes an empty slot or one of an ended thread, else a context of its own. */
    private static CallContext adopt(Thread thread) {
        int start = start(thread);
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & (SLOTS - 1);
            CallContext c = HOMES.get(slot);
            if (c == null || c.homeEnded()) {
                CallContext home = new CallContext(thread);
                if (HOMES.compareAndSet(slot, c, home)) {
                    return enter();
                }
            }
        }
        return CallContext.installForCall(new CallContext());
    }

    /** @return how many home contexts the table holds (tests) */
    static int homes() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (HOMES.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; the id only spreads threads over the slots
    private static int start(Thread thread) {
        return (int) thread.getId();
    }
}
