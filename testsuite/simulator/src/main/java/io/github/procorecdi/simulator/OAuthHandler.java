package io.github.procorecdi.simulator;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/** Procore's authorization server: {@code /oauth/authorize}, {@code /oauth/token}, {@code /oauth/token/info}, {@code /oauth/revoke}. */
final class OAuthHandler implements HttpHandler {
    static final String OOB = "urn:ietf:wg:oauth:2.0:oob";

    private final ProcoreSimulator sim;
    private final OAuthState state;

    OAuthHandler(ProcoreSimulator sim, OAuthState state) {
        this.sim = sim;
        this.state = state;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        sim.begin();
        try {
            switch (path) {
                case "/oauth/authorize" -> {
                    if (method.equals("GET")) {
                        authorizePage(exchange);
                    } else if (method.equals("POST")) {
                        authorizeSubmit(exchange);
                    } else {
                        Http.send(exchange, 405, "text/plain", "method not allowed");
                    }
                }
                case "/oauth/token" -> tokenRequest(exchange);
                case "/oauth/token/info" -> tokenInfo(exchange);
                case "/oauth/revoke" -> post(exchange, this::revoke);
                default -> Http.json(exchange, 404, Json.createObjectBuilder().add("error", "not_found").build());
            }
        } catch (RuntimeException e) {
            Http.json(exchange, 500, Json.createObjectBuilder().add("error", "server_error")
                    .add("error_description", String.valueOf(e)).build());
        } finally {
            sim.end();
        }
    }

    private interface FormHandler {
        void handle(HttpExchange exchange, Map<String, String> form) throws IOException;
    }

    private void post(HttpExchange exchange, FormHandler handler) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            Http.send(exchange, 405, "text/plain", "method not allowed");
            return;
        }
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (!contentType.startsWith("application/x-www-form-urlencoded")) {
            error(exchange, 400, "invalid_request", "form fields (application/x-www-form-urlencoded) expected");
            return;
        }
        handler.handle(exchange, Http.form(Http.body(exchange)));
    }

    // ---- /oauth/authorize

    private void authorizePage(HttpExchange exchange) throws IOException {
        sim.counters().authorize();
        Map<String, String> q = Http.query(exchange);
        String problem = authorizeProblem(q);
        if (problem != null) {
            Http.html(exchange, 400, page("Authorization error", "<p id=\"error\">" + Http.escape(problem) + "</p>"));
            return;
        }
        Http.html(exchange, 200, loginForm(q, null));
    }

    private void authorizeSubmit(HttpExchange exchange) throws IOException {
        Map<String, String> f = Http.form(Http.body(exchange));
        String problem = authorizeProblem(f);
        if (problem != null) {
            Http.html(exchange, 400, page("Authorization error", "<p id=\"error\">" + Http.escape(problem) + "</p>"));
            return;
        }
        String redirectUri = f.get("redirect_uri");
        String stateParam = f.get("state");
        if ("deny".equals(f.get("decision"))) {
            if (OOB.equals(redirectUri)) {
                Http.html(exchange, 200, page("Access denied", "<p id=\"error\">access_denied</p>"));
            } else {
                Http.redirect(exchange, withParams(redirectUri, "error", "access_denied", "error_description",
                        "The resource owner denied the request.", "state", stateParam));
            }
            return;
        }
        SimUser user = sim.user(f.get("login"));
        if (user == null || !user.password().equals(f.get("password"))) {
            Http.html(exchange, 200, loginForm(f, "Invalid login or password."));
            return;
        }
        String code = state.newCode(f.get("client_id"), redirectUri, user.id());
        if (OOB.equals(redirectUri)) {
            Http.html(exchange, 200, page("Authorization code",
                    "<p>Copy this code, switch to your application and paste it there:</p><code id=\"auth-code\">"
                            + Http.escape(code) + "</code>"));
        } else {
            Http.redirect(exchange, withParams(redirectUri, "code", code, "state", stateParam));
        }
    }

    private String authorizeProblem(Map<String, String> q) {
        if (!"code".equals(q.get("response_type"))) {
            return "response_type must be code";
        }
        SimClient client = sim.client(q.get("client_id"));
        if (client == null) {
            return "unknown client_id";
        }
        String redirect = q.get("redirect_uri");
        if (redirect == null || redirect.isBlank()) {
            return "redirect_uri is required";
        }
        if (!client.redirectAllowed(redirect)) {
            return "redirect_uri is not registered for this application";
        }
        return null;
    }

    private static String loginForm(Map<String, String> q, String error) {
        StringBuilder hidden = new StringBuilder();
        for (String name : new String[] {"response_type", "client_id", "redirect_uri", "state"}) {
            if (q.get(name) != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(Http.escape(q.get(name))).append("\">");
            }
        }
        return page("Sign in to Procore (simulator)",
                (error == null ? "" : "<p id=\"error\">" + Http.escape(error) + "</p>")
                        + "<form method=\"post\" action=\"/oauth/authorize\">" + hidden
                        + "<label>Email <input id=\"login\" name=\"login\" type=\"email\" value=\"ada@example.com\"></label><br>"
                        + "<label>Password <input id=\"password\" name=\"password\" type=\"password\"></label><br>"
                        + "<p>The application <b>" + Http.escape(q.get("client_id")) + "</b> asks to access your Procore data.</p>"
                        + "<button id=\"allow\" name=\"decision\" value=\"allow\" type=\"submit\">Allow</button> "
                        + "<button id=\"deny\" name=\"decision\" value=\"deny\" type=\"submit\">Deny</button></form>"
                        + "<p><small>Simulator users: ada@example.com / grace@example.com, password <code>procore</code></small></p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + Http.escape(title) + "</title></head><body><h1>"
                + Http.escape(title) + "</h1>" + body + "</body></html>";
    }

    private static String withParams(String uri, String... kv) {
        StringBuilder sb = new StringBuilder(uri);
        char sep = uri.contains("?") ? '&' : '?';
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                continue;
            }
            sb.append(sep).append(kv[i]).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
            sep = '&';
        }
        return sb.toString();
    }

    // ---- /oauth/token

    /** Serves a token request and logs it with its arrival and answer instants ({@link ProcoreSimulator#tokenRequests()}). */
    private void tokenRequest(HttpExchange exchange) throws IOException {
        java.time.Instant receivedAt = java.time.Instant.now();
        String[] grant = new String[1];
        try {
            post(exchange, (ex, form) -> {
                grant[0] = form.get("grant_type");
                token(ex, form);
            });
        } finally {
            int status = exchange.getResponseCode();
            sim.tokenLog().add(new RecordedTokenRequest(grant[0], exchange.getRequestHeaders().getFirst("User-Agent"),
                    Math.max(0, status), receivedAt, java.time.Instant.now()));
        }
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        String grant = form.get("grant_type");
        sim.counters().tokenRequest(grant);
        sim.faults().pause(sim.faults().tokenDelay());
        int failure = sim.faults().takeTokenFailure();
        if (failure != 0) {
            error(exchange, failure, "server_error", "simulated failure");
            return;
        }
        SimClient client = sim.client(form.get("client_id"));
        if (client == null || !client.clientSecret().equals(form.get("client_secret"))) {
            error(exchange, 401, "invalid_client",
                    "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.");
            return;
        }
        OAuthState.Token issued;
        if ("client_credentials".equals(grant)) {
            if (!client.serviceAccount()) {
                error(exchange, 400, "unauthorized_client", "The client is not authorized to use this grant type.");
                return;
            }
            issued = state.issue(client.clientId(), null, false);
        } else if ("authorization_code".equals(grant)) {
            OAuthState.Code code = state.redeemCode(form.get("code"));
            if (code == null || !code.clientId().equals(client.clientId()) || !code.redirectUri().equals(form.get("redirect_uri"))) {
                error(exchange, 400, "invalid_grant", "The provided authorization grant is invalid, expired, revoked, does not match "
                        + "the redirection URI used in the authorization request, or was issued to another client.");
                return;
            }
            issued = state.issue(client.clientId(), code.userId(), true);
        } else if ("refresh_token".equals(grant)) {
            OAuthState.Refresh refresh = state.spendRefresh(form.get("refresh_token"), client.clientId());
            if (refresh == null) {
                error(exchange, 400, "invalid_grant", "The provided authorization grant is invalid, expired, revoked, does not match "
                        + "the redirection URI used in the authorization request, or was issued to another client.");
                return;
            }
            issued = state.issue(client.clientId(), refresh.userId(), true);
        } else {
            error(exchange, 400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
            return;
        }
        if (sim.faults().takeLostTokenResponse()) {
            Http.drop(exchange);
            return;
        }
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("access_token", issued.value())
                .add("token_type", "bearer")
                .add("expires_in", Math.max(1, (Duration.between(issued.createdAt(), issued.expiresAt()).toMillis() + 999) / 1000))
                .add("created_at", issued.createdAt().getEpochSecond());
        if (issued.refreshToken() != null) {
            json.add("refresh_token", issued.refreshToken());
        }
        Duration trickle = sim.faults().tokenTrickle();
        if (!trickle.isZero()) {
            Http.trickle(exchange, 200, json.build(), trickle);
            return;
        }
        Http.json(exchange, 200, json.build());
    }

    // ---- /oauth/token/info

    private void tokenInfo(HttpExchange exchange) throws IOException {
        sim.counters().tokenInfo();
        OAuthState.Token token = state.valid(Http.bearer(exchange));
        if (token == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"Doorkeeper\", error=\"invalid_token\"");
            error(exchange, 401, "invalid_token", "The access token is invalid");
            return;
        }
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (token.userId() != null) {
            json.add("resource_owner_id", token.userId());
        } else {
            json.addNull("resource_owner_id");
        }
        json.add("scope", Json.createArrayBuilder())
                .add("expires_in_seconds", Math.max(0, token.expiresAt().getEpochSecond() - state.now().getEpochSecond()))
                .add("application", Json.createObjectBuilder().add("uid", token.clientId()))
                .add("created_at", token.createdAt().getEpochSecond());
        Http.json(exchange, 200, json.build());
    }

    // ---- /oauth/revoke

    private void revoke(HttpExchange exchange, Map<String, String> form) throws IOException {
        sim.counters().revocation();
        SimClient client = sim.client(form.get("client_id"));
        if (client == null || !client.clientSecret().equals(form.get("client_secret"))) {
            error(exchange, 401, "invalid_client", "Client authentication failed.");
            return;
        }
        String token = form.get("token");
        if (token != null) {
            state.revoke(token, client.clientId());
        }
        Http.json(exchange, 200, Json.createObjectBuilder().build());
    }

    private void error(HttpExchange exchange, int status, String error, String description) throws IOException {
        sim.counters().tokenError(error);
        Http.json(exchange, status, Json.createObjectBuilder().add("error", error).add("error_description", description).build());
    }

    static void sleep(java.time.Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
