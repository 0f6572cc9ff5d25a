package io.github.procorecdi.extension.faulttolerance;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import io.github.procorecdi.client.RetryRule;
import io.github.procorecdi.client.RetryRules;
import io.github.procorecdi.internal.LogIds;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Response;

/**
 * The application's MicroProfile Fault Tolerance annotations on a Procore client interface, made to mean what they say
 * exactly once. Servers differ, and a probe (once per application, without leaving the JVM) finds out which kind this
 * is:
 * <ul>
 * <li>where the server applies interceptors to clients built by {@code RestClientBuilder} (Open Liberty), every Fault
 * Tolerance annotation runs around each send procore-cdi makes, so procore-cdi sends each call of an annotated method
 * once ({@code max-retries} steps aside) and the annotations alone decide retries, timeouts and circuit state;</li>
 * <li>where it does not (WildFly; Weld with RESTEasy), the annotations would be silently ignored: procore-cdi applies a
 * {@code @Retry} itself ({@code maxRetries}, {@code delay}, {@code maxDuration}, {@code retryOn}, {@code abortOn}, in
 * place of {@code max-retries}), and logs once, per method, that {@code @Timeout}, {@code @CircuitBreaker},
 * {@code @Bulkhead}, {@code @Fallback} and {@code @Asynchronous} there are not applied and where to put them.</li>
 * </ul>
 * Procore's own rules hold in both: only 429/503 (and 500/502/504 or I/O failures of idempotent methods) are sent
 * again, {@code Retry-After} is honoured, a 401 gets its one renewal. Loaded only where the Fault Tolerance API is
 * visible (the extension checks first).
 */
public final class FaultToleranceRetryRules implements RetryRules {
    /** The API class whose visibility switches this on. */
    public static final String API = "org.eclipse.microprofile.faulttolerance.Retry";
    private static final Logger LOG = Logger.getLogger(FaultToleranceRetryRules.class.getName());

    private final Map<Method, Optional<RetryRule>> rules = new ConcurrentHashMap<>();
    private volatile Boolean serverIntercepts;

    @Override
    public RetryRule of(Method method, int maxRetries) {
        return rules.computeIfAbsent(method, this::rule).orElseGet(() -> RetryRule.configured(maxRetries));
    }

    /** @return the method's own rule, or empty for the connection's {@code max-retries} */
    private Optional<RetryRule> rule(Method method) {
        Retry retry = annotation(method, Retry.class);
        List<String> others = new ArrayList<>();
        // built here, at a method's first failure, not at deployment: these classes are not loaded at boot
        for (Class<? extends Annotation> a : List.of(Timeout.class, CircuitBreaker.class, Bulkhead.class, Fallback.class,
                Asynchronous.class)) {
            if (annotation(method, a) != null) {
                others.add("@" + a.getSimpleName());
            }
        }
        if (retry == null && others.isEmpty()) {
            return Optional.empty();
        }
        if (serverIntercepts()) {
            return Optional.of(RetryRule.none()); // the server's Fault Tolerance runs around each send
        }
        if (!others.isEmpty()) {
            LOG.log(Level.WARNING, "{0} procore-cdi: {1} on {2}.{3}() is not applied: this server applies no interceptors to "
                    + "REST clients built by a library. Put it on the method of your bean that calls the client.",
                    new Object[] {LogIds.FAULT_TOLERANCE_NOT_APPLIED, String.join(", ", others),
                            method.getDeclaringClass().getName(), method.getName()});
        }
        return retry == null ? Optional.empty() : Optional.of(of(retry));
    }

    static RetryRule of(Retry retry) {
        int max = retry.maxRetries() < 0 ? Integer.MAX_VALUE : retry.maxRetries();
        Duration delay = Duration.of(retry.delay(), retry.delayUnit());
        Duration maxDuration = retry.maxDuration() <= 0 ? null : Duration.of(retry.maxDuration(), retry.durationUnit());
        Class<? extends Throwable>[] retryOn = retry.retryOn();
        Class<? extends Throwable>[] abortOn = retry.abortOn();
        return new RetryRule(max, delay, maxDuration, failure -> isAny(failure, retryOn) && !isAny(failure, abortOn));
    }

    private static boolean isAny(Throwable failure, Class<? extends Throwable>[] types) {
        for (Class<? extends Throwable> t : types) {
            if (t.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    /** The method's annotation, else its interface's (a method's own annotation wins, as in Fault Tolerance). */
    private static <A extends Annotation> A annotation(Method method, Class<A> type) {
        A own = method.getAnnotation(type);
        return own != null ? own : method.getDeclaringClass().getAnnotation(type);
    }

    /** @return whether the server applies interceptors to clients built by RestClientBuilder (probed once, locally) */
    boolean serverIntercepts() {
        Boolean known = serverIntercepts;
        if (known == null) {
            known = probe();
            serverIntercepts = known;
            boolean inside = known;
            LOG.log(Level.FINE, () -> "procore-cdi: the server " + (inside ? "applies" : "does not apply")
                    + " interceptors to REST clients built by RestClientBuilder");
        }
        return known;
    }

    private static boolean probe() {
        ClientRequestFilter answer = request -> request.abortWith(Response.ok("sent").build());
        ProbeApi api = null;
        try {
            api = RestClientBuilder.newBuilder().baseUri(URI.create("http://127.0.0.1:9")).register(answer).build(ProbeApi.class);
            return ProbeInterceptor.INTERCEPTED.equals(api.probe());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "procore-cdi: the interception probe failed", e);
            return false;
        } finally {
            if (api instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // nothing is held
                }
            }
        }
    }

    @Override
    public String toString() {
        return "FaultToleranceRetryRules[server intercepts built clients: " + serverIntercepts + "]";
    }
}
