package io.github.procorecdi.web;

import java.security.Principal;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The subject of a web request: the authenticated caller's name, else an id kept in the HTTP
 * session (created if needed; it survives a session id change at login).
 */
final class WebSubjects {
    static final String SESSION_SUBJECT = "io.github.procorecdi.subject";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebSubjects() {
    }

    static String of(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal != null && principal.getName() != null && !principal.getName().isBlank()) {
            return principal.getName();
        }
        HttpSession session = request.getSession(true);
        Object id = session.getAttribute(SESSION_SUBJECT);
        if (id instanceof String s) {
            return s;
        }
        synchronized (SessionLocks.of(session)) {
            id = session.getAttribute(SESSION_SUBJECT);
            if (id instanceof String s) {
                return s;
            }
            String fresh = "session:" + random();
            session.setAttribute(SESSION_SUBJECT, fresh);
            return fresh;
        }
    }

    static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
