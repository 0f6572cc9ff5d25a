package io.github.procorecdi.telemetry;

import java.util.function.Function;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.token.TokenGrants;

/** Token requests with a {@code procore.token} span and a {@code procore.token.requests} count each. */
public final class ObservedTokenGrants implements TokenGrants {
    private final TokenGrants grants;
    private final ConnectionMetrics metrics;

    public ObservedTokenGrants(TokenGrants grants, ConnectionMetrics metrics) {
        this.grants = grants;
        this.metrics = metrics;
    }

    @Override
    public AccessToken clientCredentials() {
        return observed("client_credentials", null, (String ignored) -> grants.clientCredentials());
    }

    @Override
    public AccessToken exchangeCode(String code) {
        return observed("authorization_code", code, grants::exchangeCode);
    }

    @Override
    public AccessToken refresh(String refreshToken) {
        return observed("refresh_token", refreshToken, grants::refresh);
    }

    @Override
    public void revoke(AccessToken token) {
        grants.revoke(token); // not a token request
    }

    private AccessToken observed(String grant, String argument, Function<String, AccessToken> request) {
        ConnectionMetrics.TokenRequest observed = metrics.tokenRequest(grant);
        AccessToken token;
        try {
            token = request.apply(argument);
        } catch (RuntimeException | Error e) {
            observed.end(outcome(e));
            throw e;
        }
        observed.end(ConnectionMetrics.SUCCESS);
        return token;
    }

    /** @return the bounded outcome of a failed token request */
    static String outcome(Throwable failure) {
        if (failure instanceof ProcoreTokenException t) {
            if ("invalid_grant".equals(t.error())) {
                return ConnectionMetrics.INVALID_GRANT;
            }
            if (t.error() != null || t.status() >= 400 && t.status() < 500) {
                return ConnectionMetrics.REJECTED;
            }
        }
        return ConnectionMetrics.ERROR;
    }

    @Override
    public String toString() {
        return "ObservedTokenGrants[" + grants + "]";
    }
}
