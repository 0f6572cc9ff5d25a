package io.github.procorecdi.web;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.connection.ConnectionRegistry;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.connection.ConnectionRuntime;
import io.github.procorecdi.connection.DefaultProcoreConnection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The sign-in flow of authorization-code connections with an http(s) redirect URI:
 * login path: 302 to Procore with a one-time state bound to the session and connection;
 * callback path: checks the state, exchanges the code, redirects to {@code web.after-login};
 * logout path: POST only, from a page of the same origin (a cross-site form, link or image cannot sign a
 * user out); revokes at Procore and forgets the subject's tokens.
 */
final class WebFlow {
    private static final Logger LOG = Logger.getLogger(WebFlow.class.getName());

    private final ConnectionRegistry registry;
    private final List<ConnectionConfig> web = new ArrayList<>();
    private final Clock clock;

    WebFlow(ConnectionRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        for (ConnectionConfig c : registry.configs().values()) {
            if (c.grantType() == GrantType.AUTHORIZATION_CODE && !c.isInstalledApp() && c.web().callbackPath() != null) {
                web.add(c);
            }
        }
    }

    boolean isEmpty() {
        return web.isEmpty();
    }

    /** @return whether the request was one of the flow's paths (and has been answered) */
    boolean handle(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the callback path is the path of redirect-uri: it includes the context root (or is app-relative when configured so)
        List<ConnectionConfig> callbacks = matching(request.getRequestURI(), Kind.CALLBACK);
        if (callbacks.isEmpty()) {
            callbacks = matching(path, Kind.CALLBACK);
        }
        if (!callbacks.isEmpty()) {
            callback(request, response, callbacks);
            return true;
        }
        List<ConnectionConfig> logins = matching(path, Kind.LOGIN);
        if (!logins.isEmpty()) {
            ConnectionConfig c = choose(logins, request, response);
            if (c != null) {
                login(c, request, response);
            }
            return true;
        }
        List<ConnectionConfig> logouts = matching(path, Kind.LOGOUT);
        if (!logouts.isEmpty()) {
            ConnectionConfig c = choose(logouts, request, response);
            if (c != null) {
                logout(c, request, response);
            }
            return true;
        }
        return false;
    }

    private enum Kind { LOGIN, CALLBACK, LOGOUT }

    private List<ConnectionConfig> matching(String path, Kind kind) {
        List<ConnectionConfig> found = new ArrayList<>();
        for (ConnectionConfig c : web) {
            String p = switch (kind) {
                case LOGIN -> c.web().loginPath();
                case CALLBACK -> c.web().callbackPath();
                case LOGOUT -> c.web().logoutPath();
            };
            if (path.equals(p)) {
                found.add(c);
            }
        }
        return found;
    }

    /** Several connections may share a path; {@code ?connection=name} picks one. */
    private static ConnectionConfig choose(List<ConnectionConfig> candidates, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        String wanted = request.getParameter("connection");
        for (ConnectionConfig c : candidates) {
            if (c.name().equals(wanted)) {
                return c;
            }
        }
        List<String> names = candidates.stream().map(ConnectionConfig::name).toList();
        HtmlPages.send(response, 400, "Which Procore connection?",
                "Several connections use this path; add ?connection= with one of " + names + ".");
        return null;
    }

    private void login(ConnectionConfig c, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("POST")) {
            response.sendError(405);
            return;
        }
        String state = WebSubjects.random();
        PendingLogins.add(request.getSession(true), state, c.name(), clock.instant());
        URI target = connection(c.name()).authorizationUri(state);
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(target.toString());
    }

    private void callback(HttpServletRequest request, HttpServletResponse response, List<ConnectionConfig> candidates)
            throws IOException {
        String signIn = signInHref(request, candidates);
        String state = request.getParameter("state");
        if (state == null || state.isBlank()) {
            HtmlPages.send(response, 400, "Sign-in failed", "The answer from Procore has no state parameter; "
                    + "start again from the link below.", signIn);
            return;
        }
        PendingLogins.Pending pending = PendingLogins.take(request.getSession(false), state);
        if (pending == null || candidates.stream().noneMatch(c -> c.name().equals(pending.connection()))) {
            HtmlPages.send(response, 400, "Sign-in failed", "This sign-in answer does not belong to a sign-in started in "
                    + "this browser session (unknown, already used or forged state); start again from the link below.", signIn);
            return;
        }
        if (Instant.now(clock).isAfter(pending.createdAt().plus(PendingLogins.LIFETIME))) {
            HtmlPages.send(response, 400, "Sign-in failed", "The sign-in took longer than "
                    + PendingLogins.LIFETIME.toMinutes() + " minutes; start again from the link below.", signIn);
            return;
        }
        String error = request.getParameter("error");
        if (error != null) {
            String description = request.getParameter("error_description");
            int status = "access_denied".equals(error) ? 403 : 400;
            HtmlPages.send(response, status, "Sign-in with Procore did not complete",
                    "Procore answered " + error + (description == null ? "" : ": " + description), signIn);
            return;
        }
        String code = request.getParameter("code");
        if (code == null || code.isBlank()) {
            HtmlPages.send(response, 400, "Sign-in failed", "The answer from Procore has no code parameter.", signIn);
            return;
        }
        ConnectionRuntime runtime = registry.runtime(pending.connection());
        try {
            request.changeSessionId(); // the session now carries a Procore sign-in: no fixation
        } catch (IllegalStateException e) {
            // no session (cannot happen: the state came from it)
        }
        try {
            connection(pending.connection()).exchangeCode(code);
        } catch (ProcoreTokenException e) {
            LOG.log(Level.WARNING, "Procore connection ''{0}'': code exchange failed: {1}", new Object[] {pending.connection(), e.getMessage()});
            HtmlPages.send(response, 502, "Sign-in failed", "Procore did not accept the sign-in: "
                    + (e.error() != null ? e.error() : "HTTP " + e.status()) + ". Start again from the link below.", signIn);
            return;
        } catch (ProcoreException e) {
            LOG.log(Level.WARNING, "Procore connection ''{0}'': code exchange failed: {1}", new Object[] {pending.connection(), e.getMessage()});
            HtmlPages.send(response, 502, "Sign-in failed", "Procore could not be reached to complete the sign-in.", signIn);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(request.getContextPath() + runtime.config().web().afterLogin());
    }

    /** The path that starts a new sign-in for the connection(s) of this callback. */
    private static String signInHref(HttpServletRequest request, List<ConnectionConfig> candidates) {
        ConnectionConfig first = candidates.get(0);
        String path = request.getContextPath() + first.web().loginPath();
        return candidates.size() == 1 ? path : path + "?connection=" + java.net.URLEncoder.encode(first.name(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private ProcoreConnection connection(String name) {
        return DefaultProcoreConnection.of(registry.runtime(name));
    }

    private void logout(ConnectionConfig c, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            HtmlPages.send(response, 405, "Sign out with a form", "Signing out takes a POST from a form of this application "
                    + "(a link or an image cannot sign anyone out).");
            return;
        }
        if (!SameOrigin.check(request)) {
            HtmlPages.send(response, 403, "Sign-out refused", "The sign-out request did not come from a page of this application.");
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null || request.getUserPrincipal() != null) {
            try {
                connection(c.name()).revoke();
            } catch (ProcoreException e) {
                // the tokens are forgotten locally whatever Procore answered
                LOG.log(Level.WARNING, "Procore connection ''{0}'': sign-out: revoking at Procore failed: {1}",
                        new Object[] {c.name(), e.getMessage()});
            }
        }
        String to = request.getContextPath() + "/";
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(to);
    }
}
