package io.github.procorecdi.client;

import io.github.procorecdi.health.ApiRoute;

/**
 * What one client call has resolved, handed from the invocation handler to the request and response filters on the
 * thread that sends the request: the subject (resolved once per call), the company header, and the {@code Authorization}
 * value actually sent (for the 401 renewal).
 * <p>
 * Nothing of it outlives the call: a synchronous call takes a cleared context from {@link CallContextPool}, installs it
 * with {@link #swap} and, in a {@code finally}, swaps back what was there before (nothing, in the call's outermost frame)
 * and hands it back cleared. The thread's {@code ThreadLocal} entry is left holding {@code null}, not removed: its key is
 * a plain {@link ThreadLocal}, held weakly by the thread, so the entry keeps no class of procore-cdi or of the application
 * reachable (what server leak checks look for), while a later call's {@code set} finds the entry and allocates nothing.
 * {@code remove()} would make every call allocate a new entry.
 */
final class CallContext {
    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

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

    /** @return the context of the call this thread is in, or {@code null} outside one */
    static CallContext current() {
        return CURRENT.get();
    }

    /**
     * Makes {@code next} this thread's context (asynchronous calls carry their own to the thread that sends them);
     * {@code null}: no call.
     *
     * @return the context it replaces, to swap back in a {@code finally}
     */
    static CallContext swap(CallContext next) {
        CallContext previous = CURRENT.get();
        CURRENT.set(next);
        return previous;
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
