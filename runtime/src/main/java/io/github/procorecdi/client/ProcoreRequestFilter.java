package io.github.procorecdi.client;

import io.github.procorecdi.token.TokenManager;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Puts {@code Authorization: Bearer}, {@code Procore-Company-Id} (unless the call sets its own: the
 * call's header, then {@code forCompany}, then {@code company-id}) and {@code User-Agent} (unless the
 * call sets its own) on every request of a Procore client. The token comes from the connection's
 * token manager: a cache hit in the common case. A synchronous call's subject was resolved by the
 * invocation handler; other requests (asynchronous methods) resolve it here.
 */
public final class ProcoreRequestFilter implements ClientRequestFilter {
    /** The header Procore routes multi-region calls by. */
    public static final String COMPANY_HEADER = "Procore-Company-Id";

    /** Request property carrying the subject of a request that had no call context, for the response side. */
    static final String SUBJECT_PROPERTY = "io.github.procorecdi.subject";
    /** Request property carrying the company header of a request that had no call context, for the response side. */
    static final String COMPANY_PROPERTY = "io.github.procorecdi.company";

    private final Object owner;
    private final ClientScope scope;
    private final TokenManager tokens;
    private final Subjects subjects;
    private final String company;
    private final String userAgent;
    private final NotConnectedCompanies notConnected;

    ProcoreRequestFilter(Object owner, ClientScope scope, ClientServices shared) {
        this.owner = owner;
        this.scope = scope;
        this.tokens = shared.tokens;
        this.subjects = shared.subjects;
        this.company = scope.company(shared.config.companyId());
        this.userAgent = shared.config.userAgent();
        this.notConnected = shared.notConnected;
    }

    @Override
    public void filter(ClientRequestContext request) {
        CallContext call = CallContext.current();
        String subject;
        String company;
        if (call != null && call.owner == owner) {
            subject = call.subject;
            company = call.companyId;
        } else {
            call = null;
            subject = scope.subject(subjects);
            company = this.company;
            request.setProperty(SUBJECT_PROPERTY, subject);
        }
        MultivaluedMap<String, Object> headers = request.getHeaders();
        Object own = headers.getFirst(COMPANY_HEADER);
        String sentCompany = own != null ? own.toString() : company;
        if (!notConnected.isEmpty()) { // a company that disconnected the app: fail at once, send nothing
            notConnected.check(sentCompany);
        }
        String header = tokens.authorizationHeader(subject);
        headers.putSingle(HttpHeaders.AUTHORIZATION, header);
        if (call != null) {
            call.sent = header;
            call.companySent = sentCompany;
        } else {
            request.setProperty(COMPANY_PROPERTY, sentCompany);
        }
        if (own == null && company != null) {
            headers.putSingle(COMPANY_HEADER, company);
        }
        if (!headers.containsKey(HttpHeaders.USER_AGENT)) {
            headers.putSingle(HttpHeaders.USER_AGENT, userAgent);
        }
    }
}
