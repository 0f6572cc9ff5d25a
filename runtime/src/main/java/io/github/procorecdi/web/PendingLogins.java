package io.github.procorecdi.web;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

/**
 * The OAuth {@code state} values this session started, each bound to one connection, usable once,
 * for at most {@link #LIFETIME}. At most {@link #MAX_PENDING} per session (the oldest is dropped).
 */
final class PendingLogins {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int MAX_PENDING = 8;
    private static final String ATTRIBUTE = "io.github.procorecdi.pending-logins";

    record Pending(String connection, Instant createdAt) implements Serializable {
    }

    private PendingLogins() {
    }

    /** Remembers a new state for {@code connection}. */
    static void add(HttpSession session, String state, String connection, Instant now) {
        synchronized (lock(session)) {
            Map<String, Pending> pending = map(session);
            pending.put(state, new Pending(connection, now));
            while (pending.size() > MAX_PENDING) {
                pending.remove(pending.keySet().iterator().next());
            }
            session.setAttribute(ATTRIBUTE, pending);
        }
    }

    /**
     * Takes the state out (one use only).
     * @return its pending login, or {@code null} if unknown
     */
    static Pending take(HttpSession session, String state) {
        if (session == null) {
            return null;
        }
        synchronized (lock(session)) {
            Map<String, Pending> pending = map(session);
            Pending p = pending.remove(state);
            session.setAttribute(ATTRIBUTE, pending);
            return p;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Pending> map(HttpSession session) {
        Object o = session.getAttribute(ATTRIBUTE);
        return o instanceof LinkedHashMap<?, ?> m ? (LinkedHashMap<String, Pending>) m : new LinkedHashMap<>();
    }

    private static Object lock(HttpSession session) {
        return SessionLocks.of(session);
    }
}
