package io.github.procorecdi.client;

import io.github.procorecdi.internal.DefaultProcoreConnection;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Puts {@code Authorization: Bearer}, the connection's {@code Procore-Company-Id} (unless the call
 * sets its own) and {@code User-Agent} (unless the call sets its own) on every request of a
 * Procore client. The token comes from the connection's token manager: a cache hit in the common case.
 */
public final class ProcoreRequestFilter implements ClientRequestFilter {
    /** The header Procore routes multi-region calls by. */
    public static final String COMPANY_HEADER = "Procore-Company-Id";

    /** Request property carrying the subject of the call, for the response side. */
    static final String SUBJECT_PROPERTY = "io.github.procorecdi.subject";

    private static final ThreadLocal<String> SENT = new ThreadLocal<>();

    private final DefaultProcoreConnection connection;
    private final String companyId;
    private final String userAgent;

    public ProcoreRequestFilter(DefaultProcoreConnection connection) {
        this.connection = connection;
        this.companyId = connection.runtime().config().companyId();
        this.userAgent = connection.runtime().config().userAgent();
    }

    @Override
    public void filter(ClientRequestContext request) {
        String subject = connection.subject();
        String header = connection.runtime().tokens().authorizationHeader(subject);
        request.setProperty(SUBJECT_PROPERTY, subject);
        MultivaluedMap<String, Object> headers = request.getHeaders();
        headers.putSingle(HttpHeaders.AUTHORIZATION, header);
        SENT.set(header);
        if (companyId != null && !headers.containsKey(COMPANY_HEADER)) {
            headers.putSingle(COMPANY_HEADER, companyId);
        }
        if (!headers.containsKey(HttpHeaders.USER_AGENT)) {
            headers.putSingle(HttpHeaders.USER_AGENT, userAgent);
        }
    }

    /** @return the {@code Authorization} value this thread last sent, for the 401 handling of the same call */
    static String lastSent() {
        return SENT.get();
    }

    /** Forgets what this thread last sent, before a new call. */
    static void clearLastSent() {
        SENT.remove();
    }
}
