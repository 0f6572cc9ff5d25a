package io.github.procorecdi.web;

import jakarta.servlet.http.HttpSession;

/**
 * Locks for the few attribute read-modify-writes of one HTTP session (concurrent requests of a session
 * share its attributes): striped by session id, so sessions do not contend with each other on one lock,
 * and no lock object has to be stored in the session itself.
 */
final class SessionLocks {
    private static final Object[] STRIPES = new Object[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new Object();
        }
    }

    private SessionLocks() {
    }

    static Object of(HttpSession session) {
        return STRIPES[Math.floorMod(session.getId().hashCode(), STRIPES.length)];
    }
}
