package io.github.procorecdi.client;

import io.github.procorecdi.health.ApiRoute;

/**
 * What one synchronous client call has resolved, handed from the invocation handler to the request and
 * response filters on the same thread: the subject (resolved once per call), the company header, and
 * the {@code Authorization} value actually sent (for the 401 renewal). One mutable instance per thread,
 * refilled per call: no allocation and no {@code ThreadLocal} set or remove on the hot path.
 */
final class CallContext {
    private static final ThreadLocal<CallContext> CURRENT = ThreadLocal.withInitial(CallContext::new);

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

    static CallContext current() {
        return CURRENT.get();
    }

    /**
     * Makes {@code next} this thread's context (asynchronous calls carry their own to the thread that sends them).
     *
     * @return the context it replaces
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
}
