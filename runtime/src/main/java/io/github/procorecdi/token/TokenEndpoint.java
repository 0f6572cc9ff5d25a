package io.github.procorecdi.token;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.TokenInfo;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.UnreachableUrls;
import io.github.procorecdi.internal.BoundedBody;
import io.github.procorecdi.internal.HttpClients;
import io.github.procorecdi.internal.Json;
import io.github.procorecdi.internal.LogIds;
import io.github.procorecdi.internal.Throwables;
import jakarta.json.JsonObject;

/**
 * Procore's OAuth endpoints ({@code /oauth/token}, {@code /oauth/token/info}, {@code /oauth/revoke})
 * for one connection. Never logs or echoes a secret.
 *
 * <p>Every request has a hard total deadline ({@link #deadline}: the connect timeout plus twice the read
 * timeout, so an answer that trickles in past one read timeout still lands), after
 * which it is abandoned and its connection torn down, however slowly the answer trickles in; this is
 * what keeps a refresh inside its claim lease. Bodies are read up to {@link BoundedBody#MAX_BYTES};
 * redirects are never followed. This is the JDK's HTTP client rather than the Jakarta REST client:
 * its API offers neither a total deadline nor cancelling a request in flight.
 */
public final class TokenEndpoint implements TokenGrants {
    private static final Logger LOG = Logger.getLogger(TokenEndpoint.class.getName());
    private final ConnectionConfig config;
    /** {@code null} once {@link #close()}d. */
    private volatile HttpClient http;
    private final Clock clock;
    private final Duration deadline;
    private final java.util.concurrent.atomic.AtomicBoolean clockAheadWarned = new java.util.concurrent.atomic.AtomicBoolean();
    private final TokenResponses.ClockAhead clockAhead = this::clockAheadDetected;

    public TokenEndpoint(ConnectionConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.deadline = deadline(config);
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Lets go of the HTTP client (the connection closes): on Java 21 and later it is shut down at once; before, the JDK
     * offers no way to stop it, and its selector thread (which keeps the context class loader of the thread that created
     * the client) ends once the client is garbage collected, which this makes possible even if something still refers to
     * this endpoint. Later requests fail without being sent.
     */
    public void close() {
        HttpClient client = http;
        http = null;
        HttpClients.shutDown(client, "the token endpoint");
    }


    /** @return the hard limit on one token request: {@code connect-timeout} plus twice {@code read-timeout} */
    public static Duration deadline(ConnectionConfig config) {
        return config.connectTimeout().plus(config.readTimeout().multipliedBy(2));
    }

    /** {@code grant_type=client_credentials}. */
    @Override
    public AccessToken clientCredentials() {
        return tokenRequest(credentials().add("grant_type", "client_credentials"), "client_credentials");
    }

    /** {@code grant_type=authorization_code}. */
    @Override
    public AccessToken exchangeCode(String code) {
        Form form = credentials().add("grant_type", "authorization_code").add("code", code).add("redirect_uri", config.redirectUri());
        return tokenRequest(form, "authorization_code");
    }

    /** {@code grant_type=refresh_token}; the refresh token is spent whatever the outcome, once this was sent. */
    @Override
    public AccessToken refresh(String refreshToken) {
        Form form = credentials().add("grant_type", "refresh_token").add("refresh_token", refreshToken);
        if (config.redirectUri() != null) {
            form.add("redirect_uri", config.redirectUri());
        }
        return tokenRequest(form, "refresh_token");
    }

    /** {@code GET /oauth/token/info} for {@code token}. */
    public TokenInfo info(AccessToken token) {
        HttpRequest request = request("oauth/token/info").header("Authorization", "Bearer " + token.value()).GET().build();
        Answer answer = send(request, "token info request");
        if (answer.status != 200) {
            throw failure("token info request", answer, null);
        }
        return TokenResponses.tokenInfo(answer.status, answer.body, answer.sentAt);
    }

    /**
     * {@code POST /oauth/revoke} of the access token, then of the refresh token ({@code token_type_hint=refresh_token}),
     * whatever the first answer was: Procore revokes the pair on either, but an RFC 7009 server revokes only the token it
     * is given, and a forgotten refresh token would still work there.
     *
     * @throws ProcoreTokenException the first failure (a second one is attached to it as suppressed), once both were tried
     */
    @Override
    public void revoke(AccessToken token) {
        ProcoreTokenException failure = revokeOne(credentials().add("token", token.value()), "revoke request (access token)");
        if (token.refreshToken() != null) {
            ProcoreTokenException second = revokeOne(credentials().add("token", token.refreshToken())
                    .add("token_type_hint", "refresh_token"), "revoke request (refresh token)");
            if (failure == null) {
                failure = second;
            } else if (second != null) {
                failure.addSuppressed(second);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private ProcoreTokenException revokeOne(Form form, String what) {
        try {
            Answer answer = send(post("oauth/revoke", form), what);
            return answer.status == 200 ? null : failure(what, answer, null);
        } catch (ProcoreTokenException e) {
            return e;
        }
    }

    private Form credentials() {
        return new Form().add("client_id", config.clientId()).add("client_secret", config.clientSecret());
    }

    private AccessToken tokenRequest(Form form, String grant) {
        String what = "token request (grant_type=" + grant + ")";
        Answer answer = send(post("oauth/token", form), what);
        if (answer.status != 200) {
            throw failure(what, answer, grant);
        }
        return TokenResponses.accessToken(answer.status, answer.body, answer.sentAt, clockAhead);
    }

    private HttpRequest.Builder request(String path) {
        URI base = config.loginUrl();
        return HttpRequest.newBuilder(URI.create(base + "/" + path))
                .timeout(deadline)
                .header("Accept", "application/json")
                .header("User-Agent", config.userAgent());
    }

    private HttpRequest post(String path, Form form) {
        return request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.encoded())).build();
    }

    private Answer send(HttpRequest request, String what) {
        Instant sentAt = Instant.now(clock); // before the request leaves: a token's life is counted from here
        HttpClient client = http;
        if (client == null) {
            throw new TokenEndpointException(prefix(what) + " failed before it was sent: the connection is closed (its application "
                    + "stopped)", 0, null, null, null, false);
        }
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(request, BoundedBody.handler());
        try {
            HttpResponse<String> response = call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.body(), sentAt);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new TokenEndpointException(prefix(what) + " failed: no complete answer within " + deadline
                    + " (connect-timeout + 2 x read-timeout of procore." + config.name() + ")", 0, null, null, e, true);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new TokenEndpointException(prefix(what) + " was interrupted", 0, null, null, e, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            boolean notSent = neverLeft(cause);
            throw new TokenEndpointException(prefix(what) + " failed" + (notSent ? " before it was sent" : "") + ": "
                    + (notSent ? UnreachableUrls.explain(config, config.loginUrl(), "login-url", cause) : Throwables.rootMessage(cause)),
                    0, null, null, cause, !notSent);
        }
    }

    private String prefix(String what) {
        return "Procore connection '" + config.name() + "': " + what + " to " + config.loginUrl();
    }

    /** Logs once per connection that this node's clock runs far ahead of Procore's; its tokens then live from the sending time. */
    private void clockAheadDetected(long seconds) {
        if (clockAheadWarned.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "{0} Procore connection ''{1}'': this node''s clock runs at least {2} s ahead of Procore''s (a token''s "
                    + "created_at plus expires_in was already past when it was requested); token lives are counted from this node''s "
                    + "clock instead. Synchronize the system clock (NTP)", new Object[] {LogIds.CLOCK_AHEAD, config.name(), String.valueOf(seconds)});
        }
    }

    private TokenEndpointException failure(String what, Answer answer, String grant) {
        JsonObject json = Json.tryObject(answer.body);
        String error = json == null ? null : Json.string(json, "error");
        String description = json == null ? null : Json.string(json, "error_description");
        StringBuilder message = new StringBuilder(prefix(what)).append(" was refused with HTTP ").append(answer.status);
        if (error != null) {
            message.append(", error=").append(Json.printable(error, 100));
        }
        if (description != null) {
            message.append(" (").append(Json.printable(description, 300)).append(')');
        }
        String p = "procore." + config.name() + ".";
        if ("invalid_client".equals(error) || answer.status == 401) {
            message.append("; check ").append(p).append("client-id, ").append(p).append("client-secret and ").append(p)
                    .append("environment (credentials belong to one environment)");
        } else if ("invalid_redirect_uri".equals(error) || ("invalid_request".equals(error) && description != null
                && description.toLowerCase(java.util.Locale.ROOT).contains("redirect"))) {
            message.append("; check ").append(p).append("redirect-uri: it must be registered for the app in Procore's Developer Portal");
        } else if ("invalid_grant".equals(error) && "authorization_code".equals(grant)) {
            message.append("; the code was used already, expired (10 minutes), or was issued for another ").append(p)
                    .append("redirect-uri or client");
        }
        return new TokenEndpointException(message.toString(), answer.status, error, description, null, true);
    }

    /** A connection that was refused or timed out while connecting, or a host that does not resolve: the request provably never left. */
    static boolean neverLeft(Throwable e) {
        return Throwables.causedBy(e, ConnectException.class) || Throwables.causedBy(e, UnknownHostException.class)
                || Throwables.causedBy(e, java.nio.channels.UnresolvedAddressException.class)
                || Throwables.causedBy(e, NoRouteToHostException.class) || Throwables.causedBy(e, HttpConnectTimeoutException.class);
    }

    private record Answer(int status, String body, Instant sentAt) {
    }

    /** An {@code application/x-www-form-urlencoded} body; it carries the client secret, so it has no revealing {@code toString()}. */
    private static final class Form {
        private final StringBuilder body = new StringBuilder();

        Form add(String name, String value) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            return this;
        }

        String encoded() {
            return body.toString();
        }

        @Override
        public String toString() {
            return "Form[" + body.length() + " chars]";
        }
    }

}
