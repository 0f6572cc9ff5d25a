package io.github.procorecdi.oidcstorm;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The simulator's {@code GET /rest/v1.0/me}, with the bearer token of quarkus-oidc-client's REST client filter. The filter
 * is {@link SignedInOidcClientFilter}, quarkus-oidc-client's own {@code AbstractOidcClientRequestReactiveFilter}: with
 * {@code @OidcClientFilter} and {@code grant.type=refresh}, the first call asks {@code OidcClient.getTokens()}, which the
 * refresh grant refuses ("Only 'refresh_token' grant is supported"), so the signed-in pair has to come from somewhere.
 */
@RegisterRestClient(configKey = "procore")
@RegisterProvider(SignedInOidcClientFilter.class)
@Path("/rest/v1.0")
public interface Me {
    @GET
    @Path("/me")
    String me();
}
