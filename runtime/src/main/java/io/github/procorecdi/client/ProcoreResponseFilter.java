package io.github.procorecdi.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

/** Feeds the rate-limit headers of every API answer to the connection's {@link RateLimitPacer}. */
final class ProcoreResponseFilter implements ClientResponseFilter {
    private final Object owner;
    private final RateLimitPacer pacer;

    ProcoreResponseFilter(Object owner, RateLimitPacer pacer) {
        this.owner = owner;
        this.pacer = pacer;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        String remaining = response.getHeaderString(RateLimitHeaders.REMAINING);
        int status = response.getStatus();
        if (status == 403) {
            CallContext call = CallContext.current();
            if (call.owner == owner) {
                call.refusedCompany = request.getHeaderString(ProcoreRequestFilter.COMPANY_HEADER);
            }
        }
        if (remaining == null && status != 429) {
            return;
        }
        CallContext call = CallContext.current();
        Object subject = call.owner == owner ? call.subject : request.getProperty(ProcoreRequestFilter.SUBJECT_PROPERTY);
        if (subject == null) {
            return;
        }
        pacer.observe((String) subject, status, remaining, response.getHeaderString(RateLimitHeaders.RESET),
                response.getHeaderString(RateLimitHeaders.RETRY_AFTER));
    }
}
