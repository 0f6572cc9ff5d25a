package io.github.procorecdi.web;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.connection.ConnectionRegistry;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/**
 * When an HTTP session ends (timeout or invalidation), the subject kept in it ({@link WebSubjects}) can never be reached
 * again: its tokens are forgotten in memory and in the store, and revoked at Procore, as Procore asks of apps whose users
 * leave. The revocation runs on the engine's renewal threads, so that the container's session reaper never waits on
 * Procore. Subjects named by the caller's principal outlive sessions and are left alone.
 */
final class SessionEnds implements HttpSessionListener {
    private static final Logger LOG = Logger.getLogger(SessionEnds.class.getName());
    private final Supplier<ConnectionRegistry> registry;

    SessionEnds(Supplier<ConnectionRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        Object subject;
        try {
            subject = event.getSession().getAttribute(WebSubjects.SESSION_SUBJECT);
        } catch (IllegalStateException e) {
            return; // already invalidated: nothing to read
        }
        if (!(subject instanceof String s)) {
            return;
        }
        ConnectionRegistry connections;
        try {
            connections = registry.get();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "procore-cdi: the connections are gone (the application is stopping); the ended session's tokens stay in the store", e);
            return;
        }
        for (var entry : connections.configs().entrySet()) {
            if (entry.getValue().grantType() == GrantType.AUTHORIZATION_CODE) {
                connections.runtime(entry.getKey()).tokens().forgetInBackground(s);
            }
        }
    }
}
