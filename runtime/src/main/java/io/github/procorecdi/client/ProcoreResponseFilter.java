package io.github.procorecdi.client;

import io.github.procorecdi.health.ApiRoutes;
import io.github.procorecdi.health.ConnectionActivity;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

/**
 * Counts every API answer for integration health (by day, code, method, route and company, as Procore counts it) and
 * feeds the rate-limit headers to the connection's {@link RateLimitPacer}.
 */
final class ProcoreResponseFilter implements ClientResponseFilter {
    /** Procore's header on answers of a deprecated endpoint (RFC 9745). */
    static final String DEPRECATION = "Deprecation";
    /** The header announcing when an endpoint goes away (RFC 8594). */
    static final String SUNSET = "Sunset";

    private final Object owner;
    private final RateLimitPacer pacer;
    private final ConnectionActivity activity;
    private final RecentSubjects subjects;

    ProcoreResponseFilter(Object owner, RateLimitPacer pacer, ConnectionActivity activity, RecentSubjects subjects) {
        this.owner = owner;
        this.pacer = pacer;
        this.activity = activity;
        this.subjects = subjects;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        if (response.getHeaders() == null) {
            // no answer: Quarkus' REST client runs the response filters with an empty context after a request filter
            // threw (no token for the subject, say), when nothing was sent; a call never sent is not counted
            return;
        }
        int status = response.getStatus();
        CallContext call = CallContext.current();
        boolean ours = call != null && call.owner == owner;
        boolean deprecation = response.getHeaderString(DEPRECATION) != null || response.getHeaderString(SUNSET) != null;
        if (ours && call.route != null) {
            activity.record(call.companySent, call.route, status, deprecation, call.nanos);
        } else {
            Object company = ours ? call.companySent : request.getProperty(ProcoreRequestFilter.COMPANY_PROPERTY);
            activity.record((String) company, ApiRoutes.other(request.getMethod()), status, deprecation, System.nanoTime());
        }
        if (status == 403 && ours) {
            call.refusedCompany = request.getHeaderString(ProcoreRequestFilter.COMPANY_HEADER);
        }
        Object subject = ours ? call.subject : request.getProperty(ProcoreRequestFilter.SUBJECT_PROPERTY);
        subjects.saw((String) subject);
        String remaining = response.getHeaderString(RateLimitHeaders.REMAINING);
        if (remaining == null && status != 429) {
            return;
        }
        if (subject == null) {
            return;
        }
        pacer.observe((String) subject, status, remaining, response.getHeaderString(RateLimitHeaders.RESET),
                response.getHeaderString(RateLimitHeaders.RETRY_AFTER));
    }
}
