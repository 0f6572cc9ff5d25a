package io.github.procorecdi.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.ProcoreAppNotConnectedException;
import io.github.procorecdi.internal.LogIds;

/**
 * The companies of one connection that answered 403 "App is not connected to this company", each paused for
 * {@code not-connected-pause}: their calls fail at once, sending nothing (Procore scores apps by their 403s).
 * Bounded: expired entries are dropped, and at most {@link #MAX} companies are kept.
 */
final class NotConnectedCompanies {
    static final int MAX = 10_000;
    private static final Logger LOG = Logger.getLogger(NotConnectedCompanies.class.getName());

    private final String connection;
    private final Duration pause;
    private final Clock clock;
    private final ConcurrentHashMap<String, Paused> paused = new ConcurrentHashMap<>();

    private record Paused(long untilMillis, ProcoreAppNotConnectedException cause) {
    }

    NotConnectedCompanies(String connection, Duration pause, Clock clock) {
        this.connection = connection;
        this.pause = pause;
        this.clock = clock;
    }

    /** Records Procore's refusal for {@code companyId} (the header the call sent, or {@code null}). */
    ProcoreAppNotConnectedException refused(ProcoreAppNotConnectedException answer, String companyId) {
        Long id = parse(companyId);
        ProcoreAppNotConnectedException e = new ProcoreAppNotConnectedException(answer.getMessage()
                + (id != null ? " (Procore-Company-Id " + id + "; calls for it fail at once for " + pause + ")" : ""),
                answer.status(), answer.body(), answer.headers(), id);
        if (id != null && !pause.isZero()) {
            if (paused.size() >= MAX) {
                long now = clock.millis();
                paused.values().removeIf(p -> p.untilMillis <= now);
                if (paused.size() >= MAX) {
                    paused.clear();
                }
            }
            if (paused.put(companyId, new Paused(clock.millis() + pause.toMillis(), e)) == null) {
                LOG.log(Level.WARNING, "{0} Procore connection ''{1}'': company {2} has not connected the app (403 \"{3}\"); its calls "
                        + "fail at once for {4}", new Object[] {LogIds.APP_NOT_CONNECTED, connection, companyId,
                        ProcoreAppNotConnectedException.PROCORE_MESSAGE, pause});
            }
        }
        return e;
    }

    /** @return whether no company is paused (one volatile read: the hot path's only cost) */
    boolean isEmpty() {
        return paused.isEmpty();
    }

    /** @throws ProcoreAppNotConnectedException if {@code companyId} is paused */
    void check(String companyId) {
        if (paused.isEmpty() || companyId == null) {
            return;
        }
        Paused p = paused.get(companyId);
        if (p == null) {
            return;
        }
        if (p.untilMillis <= clock.millis()) {
            paused.remove(companyId, p);
            return;
        }
        ProcoreAppNotConnectedException cause = p.cause;
        throw new ProcoreAppNotConnectedException("Procore connection '" + connection + "': company " + companyId
                + " has not connected the app (Procore answered 403 \"" + ProcoreAppNotConnectedException.PROCORE_MESSAGE
                + "\"); nothing sent until " + Instant.ofEpochMilli(p.untilMillis) + " (not-connected-pause)", 0, cause.body(),
                cause.headers(), cause.companyId());
    }

    private static Long parse(String companyId) {
        try {
            return companyId == null ? null : Long.valueOf(companyId.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
