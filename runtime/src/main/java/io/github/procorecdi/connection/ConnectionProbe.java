package io.github.procorecdi.connection;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.GrantType;
import io.github.procorecdi.IntegrationObservation;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.client.Subjects;

/**
 * Is a connection usable? What a readiness check reports (the runtime has no health API; the extension adapts this
 * where MicroProfile Health is present). Cheap by design: the token store answers one read of a subject nobody has;
 * a service account's token held in memory is reported without a request; only without one is a token requested,
 * and after a failure the next request waits (30 s, doubling up to 5 minutes) while probes report the last failure.
 * No secret is ever part of the result.
 */
public final class ConnectionProbe {
    /** A subject no application uses: reading it touches the store without finding anything. */
    static final String PROBE_SUBJECT = "procore-cdi:readiness-probe";
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final ConnectionRuntime runtime;
    private final Clock clock;
    private long retryAfterMillis;
    private Duration backoff = FIRST_BACKOFF;
    private String lastFailure;

    /**
     * @param up     whether the connection is usable
     * @param reason why not, or {@code null} when up
     * @param data   {@code grant}, {@code store}, {@code token-expires-at} when a token is held, and the integration
     *               health observations ({@code integration-health} and one {@code integration-health.<signal>} each)
     */
    public record Result(boolean up, String reason, Map<String, String> data) {
    }

    public ConnectionProbe(ConnectionRuntime runtime, Clock clock) {
        this.runtime = runtime;
        this.clock = clock;
    }

    public synchronized Result probe() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("grant", runtime.config().grantType().value());
        data.put("store", runtime.config().tokenStore().kind());
        integrationHealth(data);
        try {
            runtime.store().load(runtime.storeKey(), PROBE_SUBJECT);
        } catch (RuntimeException e) {
            return new Result(false, "token store unreachable: " + describe(e), data);
        }
        if (runtime.config().grantType() != GrantType.CLIENT_CREDENTIALS) {
            return new Result(true, null, data); // users' tokens come with their sign-ins
        }
        AccessToken held = runtime.tokens().heldToken(Subjects.SERVICE_ACCOUNT);
        if (held == null) {
            long now = clock.millis();
            if (lastFailure != null && now < retryAfterMillis) {
                return new Result(false, lastFailure, data);
            }
            try {
                held = runtime.tokens().token(Subjects.SERVICE_ACCOUNT);
                lastFailure = null;
                backoff = FIRST_BACKOFF;
            } catch (RuntimeException e) {
                lastFailure = "no service-account token: " + describe(e);
                retryAfterMillis = now + backoff.toMillis();
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                return new Result(false, lastFailure, data);
            }
        }
        data.put("token-expires-at", held.expiresAt().toString());
        return new Result(true, null, data);
    }

    /**
     * Adds the integration health observations as data ({@code integration-health}: the worst state; one entry per
     * observation: its state, then its count of the window's calls). They never make the connection unready.
     */
    private void integrationHealth(Map<String, String> data) {
        try {
            IntegrationObservation.State worst = IntegrationObservation.State.HEALTHY;
            Map<String, String> each = new LinkedHashMap<>();
            for (IntegrationObservation o : runtime.integrationHealth(null).observations()) {
                worst = o.state().compareTo(worst) > 0 ? o.state() : worst;
                each.put(dataKey(o.signal()), o.state() + " " + o.count() + "/" + o.calls());
            }
            data.put("integration-health", worst.name());
            data.putAll(each);
        } catch (RuntimeException e) {
            data.put("integration-health", "unknown: " + describe(e));
        }
    }

    /** @return e.g. {@code integration-health.forbidden-403} */
    static String dataKey(IntegrationObservation.Signal signal) {
        return "integration-health." + signal.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Procore's own exceptions carry no secret (tokens, secrets and JDBC passwords are never in their messages). */
    private static String describe(RuntimeException e) {
        return e instanceof ProcoreException ? e.getMessage() : e.getClass().getSimpleName();
    }
}
