package io.github.procorecdi.simulator;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

/**
 * A slice of Procore's REST API: {@code GET /rest/v1.0/me}, {@code GET /rest/v1.0/companies},
 * {@code GET|POST /rest/v1.0/projects}, REST v2 projects; bearer tokens checked, rate-limit headers on every answer,
 * {@code Link}/{@code Total}/{@code Per-Page} pagination, the Multiple Procore Regions rule ({@code Procore-Company-Id}
 * required everywhere, and on {@code /me} and {@code /companies} too for a service account's token),
 * disconnected companies (403), fault injection.
 */
final class ApiHandler implements HttpHandler {
    private static final String RECEIVED_AT = "procore-simulator.received-at";
    private final ProcoreSimulator sim;
    private final OAuthState state;
    private final RateLimiter limiter;
    private final WebhooksApi webhooksApi;
    private final UploadsApi uploadsApi;

    ApiHandler(ProcoreSimulator sim, OAuthState state, RateLimiter limiter) {
        this.sim = sim;
        this.state = state;
        this.limiter = limiter;
        this.webhooksApi = new WebhooksApi(sim.webhookState(), this::respond);
        this.uploadsApi = new UploadsApi(sim, this);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        sim.counters().apiRequest();
        exchange.setAttribute(RECEIVED_AT, java.time.Instant.now());
        sim.begin();
        try {
            serve(exchange);
        } catch (RuntimeException e) {
            respond(exchange, 500, Json.createObjectBuilder().add("message", "simulator error: " + e).build());
        } finally {
            SimWebhooks.ACTOR.remove();
            sim.end();
        }
    }

    private int serve(HttpExchange exchange) throws IOException {
        sim.faults().pause(sim.faults().apiDelay());
        Faults.ApiFault fault = sim.faults().nextApiFault();
        if (fault != null) {
            if (fault.drop()) {
                record(exchange, 0);
                Http.drop(exchange);
                return 0;
            }
            if (fault.retryAfterSeconds() != null) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(fault.retryAfterSeconds()));
            }
            return respond(exchange, fault.status(), Json.createObjectBuilder().add("message", "simulated " + fault.status()).build());
        }
        OAuthState.Token token = state.valid(Http.bearer(exchange));
        if (token == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"Procore\", error=\"invalid_token\"");
            return respond(exchange, 401, Json.createObjectBuilder().add("message", "401 Unauthorized")
                    .add("errors", "The access token is invalid").build());
        }
        SimWebhooks.ACTOR.set(token);
        RateLimiter.Decision rate = limiter.take(token.clientId() + ":" + token.userId());
        exchange.getResponseHeaders().set("X-Rate-Limit-Limit", String.valueOf(rate.limit()));
        exchange.getResponseHeaders().set("X-Rate-Limit-Remaining", String.valueOf(rate.remaining()));
        exchange.getResponseHeaders().set("X-Rate-Limit-Reset", String.valueOf(rate.resetEpochSeconds()));
        if (!rate.allowed()) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(rate.retryAfterSeconds()));
            return respond(exchange, 429, Json.createObjectBuilder().add("message", "Too Many Requests").build());
        }
        String company = exchange.getRequestHeaders().getFirst("Procore-Company-Id");
        if (company != null && sim.isDisconnected(company.trim())) {
            return respond(exchange, 403, Json.createObjectBuilder().add("message", "403 Forbidden")
                    .add("errors", "App is not connected to this company").build());
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        SimUser user = token.userId() == null ? null : sim.user(token.userId());
        if (user == null && (company == null || company.isBlank()) && (path.equals("/rest/v1.0/me") || path.equals("/rest/v1.0/companies"))) {
            // Multiple Procore Regions: only a user's token may call these two without naming a company
            return missingCompany(exchange);
        }
        if (path.equals("/rest/v1.0/me") && method.equals("GET")) {
            return respond(exchange, 200, me(user, token));
        }
        if (path.equals("/rest/v1.0/companies") && method.equals("GET")) {
            List<JsonObject> companies = new ArrayList<>();
            for (SimData.Company c : SimData.COMPANIES) {
                if (user == null || user.companyIds().contains(c.id())) {
                    companies.add(c.json());
                }
            }
            return page(exchange, companies);
        }
        if (path.equals("/rest/v1.0/projects")) {
            return projects(exchange, method, user);
        }
        if (path.startsWith("/rest/v1.0/webhooks/hooks")) {
            return webhooksApi.serve(exchange, method, path.substring("/rest/v1.0/webhooks/hooks".length()));
        }
        java.util.regex.Matcher oneProject = ONE_PROJECT.matcher(path);
        if (oneProject.matches()) {
            return oneProject(exchange, method, user, oneProject.group(1));
        }
        if (path.equals("/rest/v1.0/projects/sync")) {
            return sync(exchange, method, user);
        }
        java.util.regex.Matcher upload = UploadsApi.PATH.matcher(path);
        if (upload.matches()) {
            return uploadsApi.serve(exchange, method, user, upload.group(1), upload.group(2), upload.group(3));
        }
        java.util.regex.Matcher v2 = V2_PROJECTS.matcher(path);
        if (v2.matches() && method.equals("GET")) {
            return v2Projects(exchange, v2.group(1), v2.group(2), user);
        }
        return respond(exchange, 404, Json.createObjectBuilder().add("message", "404 Not Found").build());
    }

    private int projects(HttpExchange exchange, String method, SimUser user) throws IOException {
        String headerCompany = exchange.getRequestHeaders().getFirst("Procore-Company-Id");
        if (headerCompany == null || headerCompany.isBlank()) {
            return missingCompany(exchange);
        }
        Long companyId;
        JsonObject body = null;
        if (method.equals("POST")) {
            body = readJson(exchange);
            if (body == null) {
                return respond(exchange, 400, Json.createObjectBuilder().add("message", "JSON body expected").build());
            }
            companyId = body.containsKey("company_id") ? parseLong(body.get("company_id").toString()) : null;
        } else if (method.equals("GET")) {
            companyId = parseLong(Http.query(exchange).get("company_id"));
        } else {
            return respond(exchange, 405, Json.createObjectBuilder().add("message", "405 Method Not Allowed").build());
        }
        if (companyId == null) {
            return respond(exchange, 400, Json.createObjectBuilder().add("message", "company_id is required").build());
        }
        SimData.Company company = SimData.company(companyId);
        if (company == null) {
            return respond(exchange, 404, Json.createObjectBuilder().add("message", "Company not found").build());
        }
        if (!headerCompany.trim().equals(String.valueOf(companyId))) {
            return respond(exchange, 403, Json.createObjectBuilder()
                    .add("message", "Procore-Company-Id does not match company_id").build());
        }
        if (user != null && !user.companyIds().contains(companyId)) {
            return respond(exchange, 403, Json.createObjectBuilder().add("message", "App is not connected to this company").build());
        }
        if (method.equals("POST")) {
            JsonValue project = body.get("project");
            String name = project instanceof JsonObject p && p.containsKey("name") ? p.getString("name", null) : null;
            if (name == null || name.isBlank()) {
                return respond(exchange, 422, Json.createObjectBuilder().add("message", "Unprocessable Entity")
                        .add("errors", Json.createObjectBuilder().add("name", Json.createArrayBuilder().add("can't be blank"))).build());
            }
            return respond(exchange, 201, sim.data().createProject(company, name.trim()).json());
        }
        List<JsonObject> projects = new ArrayList<>();
        for (SimData.Project p : sim.data().projects(companyId)) {
            projects.add(p.json());
        }
        return page(exchange, projects);
    }

    private int sync(HttpExchange exchange, String method, SimUser user) throws IOException {
        if (!method.equals("PATCH")) {
            return respond(exchange, 405, Json.createObjectBuilder().add("message", "405 Method Not Allowed").build());
        }
        Long companyId = parseLong(exchange.getRequestHeaders().getFirst("Procore-Company-Id"));
        Integer refused = companyRefusal(exchange, user, companyId);
        if (refused != null) {
            return refused;
        }
        SimData.Company company = SimData.company(companyId);
        SyncAction.Answer answer = SyncAction.projects(sim.data(), company, readJson(exchange));
        return respond(exchange, answer.status(), answer.body());
    }

    /**
     * Procore's answer to a call naming no known company (400), or a company the user does not belong to (403).
     *
     * @return the status answered, or {@code null} when the call may go on for {@code companyId}
     */
    private Integer companyRefusal(HttpExchange exchange, SimUser user, Long companyId) throws IOException {
        if (companyId == null || SimData.company(companyId) == null) {
            return missingCompany(exchange);
        }
        if (user != null && !user.companyIds().contains(companyId)) {
            return respond(exchange, 403, Json.createObjectBuilder().add("message", "403 Forbidden").build());
        }
        return null;
    }

    /** Procore's 400 for a call that must name a company and does not. */
    private int missingCompany(HttpExchange exchange) throws IOException {
        return respond(exchange, 400, Json.createObjectBuilder().add("message", "400 Bad Request")
                .add("errors", "Missing Procore-Company-Id header!").build());
    }

    private static final java.util.regex.Pattern ONE_PROJECT = java.util.regex.Pattern.compile("/rest/v1\\.0/projects/(\\d+)");

    /** {@code PATCH} (rename) or {@code DELETE} one project of the header's company: webhook events follow. */
    private int oneProject(HttpExchange exchange, String method, SimUser user, String idPart) throws IOException {
        Long companyId = parseLong(exchange.getRequestHeaders().getFirst("Procore-Company-Id"));
        Integer refused = companyRefusal(exchange, user, companyId);
        if (refused != null) {
            return refused;
        }
        SimData.Project p = sim.data().project(companyId, Long.parseLong(idPart));
        if (p == null) {
            return respond(exchange, 404, Json.createObjectBuilder().add("message", "404 Not Found").build());
        }
        switch (method) {
            case "GET" -> {
                return respond(exchange, 200, p.json());
            }
            case "DELETE" -> {
                sim.data().delete(companyId, p.id());
                record(exchange, 204);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                return 204;
            }
            case "PATCH" -> {
                JsonObject body = readJson(exchange);
                JsonValue project = body == null ? null : body.get("project");
                String name = project instanceof JsonObject o ? o.getString("name", null) : null;
                if (name == null || name.isBlank()) {
                    return respond(exchange, 422, Json.createObjectBuilder().add("message", "Unprocessable Entity")
                            .add("errors", Json.createObjectBuilder().add("name", Json.createArrayBuilder().add("can't be blank"))).build());
                }
                return respond(exchange, 200, sim.data().update(new SimData.Project(p.id(), name.trim(), p.company(), p.originId())).json());
            }
            default -> {
                return respond(exchange, 405, Json.createObjectBuilder().add("message", "405 Method Not Allowed").build());
            }
        }
    }

    private static final java.util.regex.Pattern V2_PROJECTS = java.util.regex.Pattern.compile(
            "/rest/v2\\.0/companies/([^/]+)/projects(?:/([^/]+))?");

    /** REST v2: envelopes ({@code {"data": ...}}), string ids, 10 per page by default and 100 at most, v2 errors. */
    private int v2Projects(HttpExchange exchange, String companyPart, String projectPart, SimUser user) throws IOException {
        int refused = v2CompanyRefused(exchange, companyPart, user);
        if (refused != 0) {
            return refused;
        }
        long companyId = parseLong(companyPart);
        List<JsonObject> projects = new ArrayList<>();
        for (SimData.Project p : sim.data().projects(companyId)) {
            JsonObject json = Json.createObjectBuilder().add("id", Long.toString(p.id())).add("name", p.name())
                    .add("company_id", Long.toString(companyId)).build();
            if (projectPart != null && projectPart.equals(Long.toString(p.id()))) {
                return respond(exchange, 200, Json.createObjectBuilder().add("data", json).build());
            }
            projects.add(json);
        }
        if (projectPart != null) {
            return respond(exchange, 404, Json.createObjectBuilder().add("error", Json.createObjectBuilder().add("code", "NOT_FOUND")
                    .add("message", "Project " + projectPart + " not found").add("details", Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("reason_code", "RECORD_NOT_FOUND").add("message", "no such id")))).build());
        }
        return page(exchange, projects, 10, 100, true);
    }

    /**
     * REST v2's company rules: the path's company exists, the {@code Procore-Company-Id} header names it, and the
     * user belongs to it.
     *
     * @return the status answered when refused, 0 when the call may go on
     */
    int v2CompanyRefused(HttpExchange exchange, String companyPart, SimUser user) throws IOException {
        Long companyId = parseLong(companyPart);
        if (companyId == null || SimData.company(companyId) == null) {
            return respond(exchange, 404, v2Error("NOT_FOUND", "Company " + companyPart + " not found"));
        }
        String headerCompany = exchange.getRequestHeaders().getFirst("Procore-Company-Id");
        if (headerCompany == null || !headerCompany.trim().equals(companyPart)) {
            return respond(exchange, 400, v2Error("MISSING_COMPANY_HEADER", "Missing Procore-Company-Id header!"));
        }
        if (user != null && !user.companyIds().contains(companyId)) {
            return respond(exchange, 403, v2Error("FORBIDDEN", "You do not have access to this company"));
        }
        return 0;
    }

    static JsonObject v2Error(String code, String message) {
        return Json.createObjectBuilder().add("error", Json.createObjectBuilder().add("code", code).add("message", message)
                .add("details", Json.createArrayBuilder())).build();
    }

    private static JsonObject me(SimUser user, OAuthState.Token token) {
        if (user == null) {
            return Json.createObjectBuilder().add("id", 9_000_000 + Math.abs(token.clientId().hashCode() % 1000))
                    .add("login", token.clientId() + "@service-accounts.procore.example").add("name", "Service Account").build();
        }
        return Json.createObjectBuilder().add("id", user.id()).add("login", user.login()).add("name", user.name()).build();
    }

    private int page(HttpExchange exchange, List<JsonObject> items) throws IOException {
        return page(exchange, items, 100, 10_000, false);
    }

    private int page(HttpExchange exchange, List<JsonObject> items, int defaultPerPage, int maxPerPage, boolean envelope)
            throws IOException {
        return respond(exchange, 200, Pagination.page(exchange, items, defaultPerPage, maxPerPage, envelope, sim.port()));
    }

    static JsonObject readJson(HttpExchange exchange) throws IOException {
        String body = Http.body(exchange);
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue v = reader.readValue();
            return v instanceof JsonObject o ? o : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Long parseLong(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.trim().replace("\"", "").toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Records the request (before answering, so a client that got the answer also sees it recorded), then answers. */
    int respond(HttpExchange exchange, int status, JsonStructure json) throws IOException {
        deprecation(exchange);
        record(exchange, status);
        Http.json(exchange, status, json);
        return status;
    }

    /** A deprecated endpoint's answers carry {@code Deprecation} (RFC 9745) and {@code Sunset} (RFC 8594). */
    private void deprecation(HttpExchange exchange) {
        if (sim.activity().isDeprecated(exchange.getRequestMethod(), SimActivity.template(exchange.getRequestURI().getPath()))) {
            exchange.getResponseHeaders().set("Deprecation", "@1767225600");
            exchange.getResponseHeaders().set("Sunset", "Fri, 01 Jan 2027 00:00:00 GMT");
        }
    }

    private void record(HttpExchange exchange, int status) {
        sim.record(exchange, status, (java.time.Instant) exchange.getAttribute(RECEIVED_AT));
    }
}
