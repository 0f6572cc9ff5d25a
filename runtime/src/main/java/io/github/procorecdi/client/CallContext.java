package io.github.procorecdi.client;

import java.lang.ref.WeakReference;

import io.github.procorecdi.health.ApiRoute;

/**
 * What one client call has resolved, handed from the invocation handler to the request and response filters on the
 * thread that sends the request: the subject (resolved once per call), the company header, and the {@code Authorization}
 * value actually sent (for the 401 renewal).
 * <p>
 * Nothing of it outlives the call. A synchronous call uses its thread's home context, which {@link CallContextPool} keeps
 * off the thread, and clears it when the call ends: the thread-local below is not touched. Only a context of one call (an
 * asynchronous call's, carried to the thread that sends it; a call made during another call of the same thread) is
 * installed on the thread-local, and the value it replaced is restored in a {@code finally}: the entry is left holding
 * {@code null}, not removed (its key is a plain {@link ThreadLocal}, held weakly by the thread, so the entry keeps no
 * class of procore-cdi or of the application reachable, and a later {@code set} allocates nothing). An installed context
 * wins over the home context only if it was installed during the home context's call ({@link #covered}).
 */
final class CallContext {
    private static final ThreadLocal<CallContext> INSTALLED = new ThreadLocal<>();

    /** The thread whose home context this is (held weakly: its end frees the slot), or {@code null} for a call's own. */
    final WeakReference<Thread> home;
    /** Whether a call of the home thread is using this home context (read and written by that thread only). */
    boolean inCall;
    /** Contexts installed on the thread-local during this home context's call and not yet restored (home thread only). */
    int covered;
    /** What this context of one call replaced on the thread-local, restored when its call ends. */
    private CallContext replaced;

    /** The handler that filled this context, so a filter of another client never reads it. */
    Object owner;
    String subject;
    String companyId;
    String sent;
    /** The {@code Procore-Company-Id} of a request answered 403 (set by the response filter). */
    String refusedCompany;
    /** The route the call is counted under (integration health). */
    ApiRoute route;
    /** The {@code System.nanoTime()} the attempt began at: its day in the activity report. */
    long nanos;
    /** The {@code Procore-Company-Id} the request carries, or {@code null} (set by the request filter). */
    String companySent;

    /** A context of one call. */
    CallContext() {
        this.home = null;
    }

    /** The home context of {@code thread}. */
    CallContext(Thread thread) {
        this.home = new WeakReference<>(thread);
    }

    /** @return the context of the call this thread is in, or {@code null} outside one */
    static CallContext current() {
        CallContext home = CallContextPool.inCall();
        return home != null && home.covered == 0 ? home : INSTALLED.get();
    }

    /**
     * Makes {@code next} this thread's context until {@link #restore} (asynchronous calls carry their own to the thread
     * that sends them); {@code null}: none.
     *
     * @return the context it replaces, to restore in a {@code finally}
     */
    static CallContext install(CallContext next) {
        CallContext previous = INSTALLED.get();
        INSTALLED.set(next);
        CallContext home = CallContextPool.inCall();
        if (home != null) {
            home.covered++;
        }
        return previous;
    }

    /** Undoes the {@link #install} that returned {@code previous}. */
    static void restore(CallContext previous) {
        INSTALLED.set(previous);
        CallContext home = CallContextPool.inCall();
        if (home != null) {
            home.covered--;
        }
    }

    /** Installs {@code call}, a context of its own for one call, until {@link #uninstall}. */
    static CallContext installForCall(CallContext call) {
        call.replaced = install(call);
        return call;
    }

    /** Restores what {@code call} replaced on this thread, and clears it. */
    static void uninstall(CallContext call) {
        restore(call.replaced);
        call.replaced = null;
        call.clear();
    }

    /** @return whether the thread of this home context has ended (its slot may be taken by another thread) */
    boolean homeEnded() {
        Thread thread = home.get();
        return thread == null || !thread.isAlive();
    }

    /**
     * @param route the route the call is counted under
     * @param nanos the {@code System.nanoTime()} the attempt begins at (the caller has read it anyway)
     */
    void begin(Object owner, String subject, String companyId, ApiRoute route, long nanos) {
        this.route = route;
        this.nanos = nanos;
        this.companySent = null;
        this.owner = owner;
        this.subject = subject;
        this.companyId = companyId;
        this.sent = null;
        this.refusedCompany = null;
    }

    void end() {
        owner = null;
        subject = null;
        companyId = null;
    }

    /** Forgets everything of the call (the pool keeps nothing of an application). */
    void clear() {
        end();
        sent = null;
        refusedCompany = null;
        route = null;
        companySent = null;
        nanos = 0;
    }
}
