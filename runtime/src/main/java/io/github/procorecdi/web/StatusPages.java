package io.github.procorecdi.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.GrantType;
import io.github.procorecdi.IntegrationObservation;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.health.HealthRules;
import io.github.procorecdi.health.LiveIntegrationHealth;
import io.github.procorecdi.connection.ConnectionRegistry;
import io.github.procorecdi.connection.ConnectionRuntime;
import io.github.procorecdi.client.Subjects;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The status pages of the connections that set {@code web.status-path}: connections, grant, store, each subject's token
 * state (fresh, due or expired, and when; never a token), the rate limit, the integration health observations with
 * their daily severities, the last warnings with their message ids, and the activity report at
 * {@code <status-path>/activity.csv}. GET only; loopback callers only (a request that came through a proxy, with
 * {@code Forwarded} or {@code X-Forwarded-For}, is not one), unless {@code web.status-role} names a role, which the
 * caller must then have. No session is touched, so no cookie is set.
 */
final class StatusPages {
    static final String CSV = "/activity.csv";

    private final ConnectionRegistry registry;
    private final Clock clock;
    private final Map<String, List<ConnectionConfig>> byPath = new LinkedHashMap<>();
    private final RecentErrors errors;

    StatusPages(ConnectionRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        for (ConnectionConfig c : registry.configs().values()) {
            if (c.health().statusPath() != null) {
                byPath.computeIfAbsent(c.health().statusPath(), p -> new ArrayList<>()).add(c);
            }
        }
        this.errors = byPath.isEmpty() ? null : new RecentErrors().attach();
    }

    boolean isEmpty() {
        return byPath.isEmpty();
    }

    /** Detaches from the loggers. */
    void close() {
        if (errors != null) {
            errors.close();
        }
    }

    /** @return whether the request was for a status page (and was answered) */
    boolean handle(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean csv = path.endsWith(CSV);
        String page = csv ? path.substring(0, path.length() - CSV.length()) : path;
        List<ConnectionConfig> connections = byPath.get(page);
        if (connections == null) {
            return false;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            HtmlPages.send(response, 405, "Method not allowed", "The status page answers GET only.");
            return true;
        }
        String refusal = refusal(connections, request);
        if (refusal != null) {
            HtmlPages.send(response, 403, "Forbidden", refusal);
            return true;
        }
        if (csv) {
            csv(connections, request, response);
        } else {
            html(page, connections, response);
        }
        return true;
    }

    /** @return why the caller may not see the page, or {@code null} */
    static String refusal(List<ConnectionConfig> connections, HttpServletRequest request) {
        for (ConnectionConfig c : connections) {
            String role = c.health().statusRole();
            if (role != null) {
                return request.isUserInRole(role) ? null : "The status page needs the role named by "
                        + "procore." + c.name() + ".web.status-role.";
            }
        }
        return isLoopback(request) ? null
                : "The status page answers loopback requests only (set procore." + connections.get(0).name()
                        + ".web.status-role to let callers with that role see it).";
    }

    static boolean isLoopback(HttpServletRequest request) {
        if (request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null) {
            return false; // a local proxy's request stands for someone else's
        }
        String remote = request.getRemoteAddr();
        if (remote == null || remote.isEmpty() || !(Character.isDigit(remote.charAt(0)) || remote.indexOf(':') >= 0)) {
            return false; // literal addresses only: never a name lookup
        }
        try {
            return InetAddress.getByName(remote).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void csv(List<ConnectionConfig> connections, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("connection");
        ConnectionConfig chosen = null;
        for (ConnectionConfig c : connections) {
            if (name == null ? connections.size() == 1 : c.name().equals(name)) {
                chosen = c;
            }
        }
        if (chosen == null) {
            HtmlPages.send(response, 400, "Which connection?", "Name one: ?connection="
                    + String.join(" or ?connection=", connections.stream().map(ConnectionConfig::name).toList()));
            return;
        }
        byte[] body = registry.runtime(chosen.name()).integrationHealth(null).activityReport().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"procore-" + chosen.name() + "-activity-"
                + LocalDate.now(clock) + ".csv\"");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void html(String page, List<ConnectionConfig> connections, HttpServletResponse response) throws IOException {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Procore connections</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.4em 0 1em}")
                .append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.92em}th{background:#f3f3f3}")
                .append(".HEALTHY,.fresh{color:#176f2c}.REVIEW_RECOMMENDED,.due,.WARNING{color:#8a6100}")
                .append(".NEEDS_ATTENTION,.expired,.CRITICAL{color:#b00020;font-weight:600}")
                .append(".day{display:inline-block;width:.9em;height:.9em;margin-right:1px;border-radius:2px}")
                .append(".day.HEALTHY{background:#5cb85c}.day.WARNING{background:#f0ad4e}.day.CRITICAL{background:#d9534f}")
                .append("section{border-top:2px solid #ddd;margin-top:1em}small{color:#666}")
                .append("</style></head><body><h1>Procore connections</h1><p><small>As of ").append(esc(now.toString()))
                .append(" (UTC). Nothing on this page is a token or a secret.</small></p>");
        for (ConnectionConfig c : connections) {
            connection(h, page, connections.size() > 1, c, registry.runtime(c.name()), now);
        }
        h.append("<section><h2>Last warnings and errors</h2>");
        List<RecentErrors.Entry> entries = errors == null ? List.of() : errors.entries();
        if (entries.isEmpty()) {
            h.append("<p id=\"errors\">None logged since the page was first served.</p>");
        } else {
            h.append("<table id=\"errors\"><tr><th>When</th><th>Level</th><th>Message id</th><th>Message</th></tr>");
            for (RecentErrors.Entry e : entries) {
                h.append("<tr><td>").append(esc(e.at().toString())).append("</td><td>").append(esc(e.level())).append("</td><td>")
                        .append(esc(e.id())).append("</td><td>").append(esc(e.message())).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("</section></body></html>");
        response.setStatus(200);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(h.toString());
    }

    private void connection(StringBuilder h, String page, boolean several, ConnectionConfig c, ConnectionRuntime runtime, Instant now) {
        h.append("<section id=\"connection-").append(esc(c.name())).append("\"><h2>Connection ").append(esc(c.name())).append("</h2>");
        TokenStoreConfig store = c.tokenStore();
        h.append("<table><tr><th>Grant</th><td>").append(esc(c.grantType().value())).append("</td></tr>")
                .append("<tr><th>Environment</th><td>").append(esc(c.environment() == null ? "custom" : c.environment().value()))
                .append("</td></tr><tr><th>API</th><td>").append(esc(c.apiUrl().toString())).append("</td></tr>")
                .append("<tr><th>Token store</th><td>").append(esc(store.kind()))
                .append(TokenStoreConfig.JDBC.equals(store.kind()) ? " (table " + esc(store.table()) + ")" : "").append("</td></tr>")
                .append("<tr><th>Default company</th><td>").append(esc(c.companyId() == null ? "none" : c.companyId())).append("</td></tr>");
        long remaining = runtime.clients().pacer().lastRemaining();
        Instant reset = runtime.clients().pacer().lastReset();
        h.append("<tr><th>Rate limit</th><td id=\"rate-limit\">").append(remaining < 0 ? "no answer yet"
                : remaining + " requests remaining" + (reset == null ? "" : ", window resets " + esc(reset.toString())))
                .append("</td></tr></table>");

        h.append("<h3>Tokens</h3><table id=\"tokens-").append(esc(c.name())).append("\"><tr><th>Subject</th><th>State</th><th>Renewal from</th><th>Expires</th></tr>");
        List<String> subjects = c.grantType() == GrantType.CLIENT_CREDENTIALS ? List.of(Subjects.SERVICE_ACCOUNT)
                : runtime.clients().recentSubjects().list();
        if (subjects.isEmpty()) {
            h.append("<tr><td colspan=\"4\">No call sent yet.</td></tr>");
        }
        for (String subject : subjects) {
            AccessToken held = runtime.tokens().heldToken(subject);
            h.append("<tr><td>").append(esc(subject)).append("</td>");
            if (held == null) {
                h.append("<td class=\"expired\">expired or not held</td><td></td><td></td></tr>");
                continue;
            }
            Duration life = Duration.between(held.createdAt(), held.expiresAt());
            Duration ahead = c.refreshAhead().compareTo(life.dividedBy(2)) > 0 ? life.dividedBy(2) : c.refreshAhead();
            Instant due = held.expiresAt().minus(ahead);
            String state = now.isBefore(due) ? "fresh" : now.isBefore(held.expiresAt()) ? "due" : "expired";
            h.append("<td class=\"").append(state).append("\">").append(state).append("</td><td>").append(esc(due.toString()))
                    .append("</td><td>").append(esc(held.expiresAt().toString())).append("</td></tr>");
        }
        h.append("</table>");

        // relative to the page: <last segment of the status path>/activity.csv, whatever the context path
        String csv = page.substring(page.lastIndexOf('/') + 1) + CSV + (several ? "?connection=" + c.name() : "");
        h.append("<h3>Integration health</h3><p><small>Procore's seven observations over the last ").append(HealthRules.WINDOW_DAYS)
                .append(" UTC days, computed from this application's calls (rules: docs/integration-health.md). ")
                .append("<a id=\"activity-csv\" href=\"").append(esc(csv))
                .append("\">API Call Activity Report (CSV, 30 days)</a></small></p>");
        h.append("<table id=\"observations-").append(esc(c.name())).append("\"><tr><th>Observation</th><th>State</th><th>Calls with it</th>")
                .append("<th>All calls</th><th>Daily (oldest first)</th></tr>");
        List<LiveIntegrationHealth.Detail> details = ((LiveIntegrationHealth) runtime.integrationHealth(null)).details();
        for (LiveIntegrationHealth.Detail d : details) {
            IntegrationObservation o = d.observation();
            h.append("<tr><td>").append(label(o.signal())).append("</td><td class=\"").append(o.state()).append("\">")
                    .append(o.state().name().replace('_', ' ')).append("</td><td>").append(o.count()).append("</td><td>").append(o.calls())
                    .append("</td><td>");
            for (HealthRules.Severity s : d.days()) {
                h.append("<span class=\"day ").append(s).append("\" title=\"").append(s).append("\"></span>");
            }
            h.append("</td></tr>");
        }
        h.append("</table></section>");
    }

    private static String label(IntegrationObservation.Signal signal) {
        return switch (signal) {
            case FORBIDDEN_403 -> "403 Forbidden responses";
            case NOT_FOUND_404 -> "404 Not Found responses";
            case RATE_LIMITED_429 -> "429 Rate limit responses";
            case UNAUTHORIZED_401 -> "401 Unauthorized responses";
            case MISSING_COMPANY_ID -> "Missing Procore-Company-Id header";
            case DEPRECATED_ENDPOINT -> "Deprecated endpoint usage";
            case PRIVATE_ENDPOINT -> "Private endpoint usage";
        };
    }

    private static String esc(String s) {
        return HtmlPages.escape(s);
    }
}
