package io.github.procorecdi.oidcstorm;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.reactive.filter.runtime.AbstractOidcClientRequestReactiveFilter;

/**
 * quarkus-oidc-client's reactive REST client filter (its token cache, {@code TokensHelper}, and its refresh logic
 * untouched) on the default OIDC client ({@code grant.type=refresh}), which starts from the user's signed-in pair:
 * {@link SignedIn}.
 */
@Singleton
@Priority(Priorities.AUTHENTICATION)
public class SignedInOidcClientFilter extends AbstractOidcClientRequestReactiveFilter {
    @Inject
    OidcClients clients;
    @Inject
    SignedIn signedIn;

    @Override
    protected Optional<OidcClient> client() {
        return Optional.of(signedIn.wrap(clients.getClient()));
    }
}
