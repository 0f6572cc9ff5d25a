package io.github.procorecdi.token;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.TokenInfo;
import io.github.procorecdi.config.ConnectionConfig;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Procore's OAuth endpoints ({@code /oauth/token}, {@code /oauth/token/info}, {@code /oauth/revoke})
 * for one connection, over the Jakarta REST client. Never logs or echoes a secret.
 */
public final class TokenEndpoint implements TokenGrants, AutoCloseable {
    private final ConnectionConfig config;
    private final Client http;
    private final Clock clock;

    public TokenEndpoint(ConnectionConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = ClientBuilder.newBuilder()
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    /** {@code grant_type=client_credentials}. */
    @Override
    public AccessToken clientCredentials() {
        Form form = credentials().param("grant_type", "client_credentials");
        return tokenRequest(form, "client_credentials");
    }

    /** {@code grant_type=authorization_code}. */
    @Override
    public AccessToken exchangeCode(String code) {
        Form form = credentials().param("grant_type", "authorization_code").param("code", code)
                .param("redirect_uri", config.redirectUri());
        return tokenRequest(form, "authorization_code");
    }

    /** {@code grant_type=refresh_token}; the refresh token is spent whatever the outcome, once this was sent. */
    @Override
    public AccessToken refresh(String refreshToken) {
        Form form = credentials().param("grant_type", "refresh_token").param("refresh_token", refreshToken);
        if (config.redirectUri() != null) {
            form.param("redirect_uri", config.redirectUri());
        }
        return tokenRequest(form, "refresh_token");
    }

    /** {@code GET /oauth/token/info} for {@code token}. */
    public TokenInfo info(AccessToken token) {
        Invocation.Builder request = http.target(config.loginUrl()).path("oauth/token/info")
                .request(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token.value())
                .header(HttpHeaders.USER_AGENT, config.userAgent());
        Answer answer = send(() -> request.get(), "token info request");
        if (answer.status != 200) {
            throw failure("token info request", answer);
        }
        return TokenResponses.tokenInfo(answer.status, answer.body, answer.receivedAt);
    }

    /** {@code POST /oauth/revoke}: revokes the access token and its refresh token at Procore. */
    @Override
    public void revoke(AccessToken token) {
        Form form = credentials().param("token", token.value());
        Answer answer = send(() -> post("oauth/revoke", form), "revoke request");
        if (answer.status != 200) {
            throw failure("revoke request", answer);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private Form credentials() {
        return new Form().param("client_id", config.clientId()).param("client_secret", config.clientSecret());
    }

    private AccessToken tokenRequest(Form form, String grant) {
        String what = "token request (grant_type=" + grant + ")";
        Answer answer = send(() -> post("oauth/token", form), what);
        if (answer.status != 200) {
            throw failure(what, answer);
        }
        return TokenResponses.accessToken(answer.status, answer.body, answer.receivedAt);
    }

    private Response post(String path, Form form) {
        return http.target(config.loginUrl()).path(path)
                .request(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.USER_AGENT, config.userAgent())
                .post(Entity.form(form));
    }

    private Answer send(java.util.function.Supplier<Response> call, String what) {
        try (Response response = call.get()) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return new Answer(response.getStatus(), body, Instant.now(clock));
        } catch (ProcessingException e) {
            boolean notSent = neverLeft(e);
            throw new TokenEndpointException("Procore connection '" + config.name() + "': " + what + " to "
                    + config.loginUrl() + " failed" + (notSent ? " before it was sent" : "") + ": " + describe(e),
                    0, null, null, e, !notSent);
        }
    }

    private TokenEndpointException failure(String what, Answer answer) {
        JsonObject json = TokenResponses.tryObject(answer.body);
        String error = json == null ? null : TokenResponses.string(json, "error");
        String description = json == null ? null : TokenResponses.string(json, "error_description");
        StringBuilder message = new StringBuilder("Procore connection '").append(config.name()).append("': ")
                .append(what).append(" was refused with HTTP ").append(answer.status);
        if (error != null) {
            message.append(", error=").append(error);
        }
        if (description != null) {
            message.append(" (").append(description).append(')');
        }
        return new TokenEndpointException(message.toString(), answer.status, error, description, null, true);
    }

    /** A connection that was refused, or a host that does not resolve: the request provably never left. */
    private static boolean neverLeft(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private record Answer(int status, String body, Instant receivedAt) {
    }

}
