package io.github.procorecdi.it;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/** An application's own provider, registered on its interface with {@code @RegisterProvider}. */
public class TraceHeaderFilter implements ClientRequestFilter {
    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle("X-Trace-Id", "trace-42");
    }
}
