package io.github.procorecdi.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;

/** Feeds the rate-limit headers of every API answer to the connection's {@link RateLimitPacer}. */
final class ProcoreResponseFilter implements ClientResponseFilter {
    private final RateLimitPacer pacer;

    ProcoreResponseFilter(RateLimitPacer pacer) {
        this.pacer = pacer;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        Object subject = request.getProperty(ProcoreRequestFilter.SUBJECT_PROPERTY);
        if (subject == null) {
            return;
        }
        String remaining = response.getHeaderString(RateLimitHeaders.REMAINING);
        int status = response.getStatus();
        if (remaining == null && status != 429) {
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        copy(response, headers, RateLimitHeaders.REMAINING);
        copy(response, headers, RateLimitHeaders.RESET);
        copy(response, headers, RateLimitHeaders.RETRY_AFTER);
        pacer.observe((String) subject, status, headers);
    }

    private static void copy(ClientResponseContext response, Map<String, List<String>> headers, String name) {
        String v = response.getHeaderString(name);
        if (v != null) {
            headers.put(name, List.of(v));
        }
    }
}
