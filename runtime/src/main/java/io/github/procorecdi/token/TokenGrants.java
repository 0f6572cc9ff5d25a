package io.github.procorecdi.token;

import io.github.procorecdi.AccessToken;

/** The token requests the engine makes ({@link TokenEndpoint} over HTTP; fakes in tests). */
public interface TokenGrants {

    /** {@code grant_type=client_credentials} */
    AccessToken clientCredentials();

    /** {@code grant_type=authorization_code} */
    AccessToken exchangeCode(String code);

    /** {@code grant_type=refresh_token}: spends {@code refreshToken} once sent */
    AccessToken refresh(String refreshToken);

    /** {@code POST /oauth/revoke} */
    void revoke(AccessToken token);
}
