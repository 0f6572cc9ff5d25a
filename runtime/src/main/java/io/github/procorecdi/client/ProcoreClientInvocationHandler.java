package io.github.procorecdi.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreAppNotConnectedException;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.UnreachableUrls;
import io.github.procorecdi.internal.Throwables;
import io.github.procorecdi.telemetry.ConnectionMetrics;
import io.github.procorecdi.token.TokenManager;
import jakarta.ws.rs.ProcessingException;

/**
 * Wraps a MicroProfile Rest Client proxy with Procore's rules for every call, synchronous or returning
 * {@code CompletionStage}: wait while the connection's rate limit is exhausted; answer a 401 with one token renewal
 * and one retry; retry 429/503 (and 500/502/504/I-O failures of idempotent methods) up to {@code max-retries},
 * honoring {@code Retry-After}; surface Procore exceptions unwrapped. Asynchronous calls schedule their waits.
 */
final class ProcoreClientInvocationHandler implements InvocationHandler {
    private final Object owner;
    private final Class<?> api;
    private final Object delegate;
    private final ConnectionConfig config;
    private final ClientScope scope;
    private final String company;
    private final TokenManager tokens;
    private final Subjects subjects;
    private final RateLimitPacer pacer;
    private final RetryPolicy retries;
    private final NotConnectedCompanies notConnected;
    private final ConnectionMetrics metrics;
    private final RetryRules rules;
    private final AsyncCalls async;

    ProcoreClientInvocationHandler(Object owner, Class<?> api, Object delegate, ClientScope scope, ClientServices shared) {
        this.owner = owner;
        this.api = api;
        this.delegate = delegate;
        this.scope = scope;
        this.company = scope.company(shared.config.companyId());
        this.config = shared.config;
        this.tokens = shared.tokens;
        this.subjects = shared.subjects;
        this.pacer = shared.pacer;
        this.retries = shared.retries;
        this.rules = shared.rules;
        this.notConnected = shared.notConnected;
        this.metrics = shared.metrics;
        this.async = shared.async;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, method, args);
        }
        if (method.getName().equals("close") && method.getParameterCount() == 0) {
            if (delegate instanceof AutoCloseable c) {
                c.close();
            }
            return null;
        }
        ClientMethod clientMethod = ClientMethods.of(api, method);
        String httpMethod = clientMethod.httpMethod();
        if (httpMethod.isEmpty()) {
            return invokeDirectly(method, args); // default method or sub-resource: its own calls come back through here
        }
        boolean idempotent = HttpMethods.isIdempotent(httpMethod);
        String subject = scope.subject(subjects);
        if (CompletionStage.class.isAssignableFrom(method.getReturnType())) {
            return new AsyncCall(method, args, clientMethod, idempotent, subject).start();
        }
        CallContext call = CallContextPool.enter(); // the thread's home context: no allocation, no atomic, no thread-local set
        try {
            return invokeSynchronously(method, args, clientMethod, idempotent, subject, call);
        } finally {
            CallContextPool.exit(call); // cleared: nothing of the call outlives it, on the thread or in the pool
        }
    }

    private Object invokeSynchronously(Method method, Object[] args, ClientMethod clientMethod, boolean idempotent, String subject,
                                       CallContext call) throws Throwable {
        String httpMethod = clientMethod.httpMethod();
        Attempts attempts = null; // created at the first failure: a call that succeeds allocates nothing here
        long start = System.nanoTime();
        while (true) {
            pacer.awaitPermit(subject);
            Throwable failure;
            call.begin(owner, subject, company, clientMethod.route(), attempts == null ? start : System.nanoTime());
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                failure = unwrap(e.getCause());
            } finally {
                call.end();
            }
            if (attempts == null) {
                attempts = new Attempts(rules.of(method, retries.maxRetries()), start);
            }
            attempts.sent = call.sent;
            attempts.refusedCompany = call.refusedCompany;
            long wait = next(failure, attempts, subject, httpMethod, method, idempotent);
            if (wait > 0) {
                RateLimitPacer.sleep(wait);
            }
        }
    }

    /**
     * What one call has been through: renewal done, retries made, and the last attempt's token and refused company; with
     * the method's retry rule and when the call began.
     */
    private static final class Attempts {
        final RetryRule rule;
        final long startNanos;
        boolean renewed;
        int retry;
        String sent;
        String refusedCompany;

        Attempts(RetryRule rule, long startNanos) {
            this.rule = rule;
            this.startNanos = startNanos;
        }

        /**
         * The one place that decides whether a retry may be made: the rule's count, its failure filter and its time bound.
         *
         * @return the wait before the next retry ({@code wait} at least the rule's delay), or -1 if none may be made
         */
        long retryAfter(Throwable failure, long wait) {
            long millis = Math.max(Math.max(1, wait), rule.minDelay().toMillis());
            if (retry >= rule.maxRetries() || !rule.retryable().test(failure) || !rule.inTime(startNanos, millis)) {
                return -1;
            }
            retry++;
            return millis;
        }
    }

    /**
     * Procore's rules after a failed attempt, for synchronous and asynchronous calls alike.
     *
     * @return how long to wait before the next attempt (0: at once)
     * @throws Throwable the failure to surface when no further attempt is made
     */
    private long next(Throwable failure, Attempts attempts, String subject, String httpMethod, Method method, boolean idempotent)
            throws Throwable {
        if (failure instanceof ProcoreAppNotConnectedException refused && refused.status() == 403) {
            throw notConnected.refused(refused, attempts.refusedCompany);
        }
        if (failure instanceof ProcoreApiException answer) {
            if (answer.status() == 401 && !attempts.renewed && attempts.sent != null) {
                attempts.renewed = true;
                tokens.renewRejected(subject, attempts.sent);
                metrics.retry(401);
                return 0;
            }
            if (RetryPolicy.isRetryableStatus(answer.status(), idempotent)) {
                Duration wait = retries.waitAfter(answer, attempts.retry);
                long millis = wait == null ? -1 : attempts.retryAfter(failure, wait.toMillis());
                if (millis > 0) {
                    metrics.retry(answer.status());
                    return millis;
                }
            }
            throw missingCompanyHint(answer);
        }
        if (failure instanceof ProcessingException io && !(io.getCause() instanceof ProcoreException)) {
            if ((idempotent || neverSent(io)) && Throwables.causedBy(io, IOException.class)) {
                long millis = attempts.retryAfter(failure, retries.backoff(attempts.retry).toMillis());
                if (millis > 0) {
                    metrics.retry(0);
                    return millis;
                }
            }
            throw ioFailure(httpMethod, method, io, attempts.retry);
        }
        throw failure;
    }

    /**
     * A {@code CompletionStage} method: the same rules as a synchronous call, with every wait (pacing, backoff,
     * {@code Retry-After}) scheduled on the connection's timer ({@link AsyncCalls#timer()}) instead of slept, and the
     * request sent by the client's executor with this call's context.
     */
    private final class AsyncCall {
        private final Method method;
        private final Object[] args;
        private final String httpMethod;
        private final ClientMethod clientMethod;
        private final boolean idempotent;
        private final String subject;
        private final Attempts attempts;
        private final CompletableFuture<Object> result = new CompletableFuture<>();

        AsyncCall(Method method, Object[] args, ClientMethod clientMethod, boolean idempotent, String subject) {
            this.method = method;
            this.args = args;
            this.clientMethod = clientMethod;
            this.httpMethod = clientMethod.httpMethod();
            this.idempotent = idempotent;
            this.subject = subject;
            this.attempts = new Attempts(rules.of(method, retries.maxRetries()), System.nanoTime());
        }

        CompletableFuture<Object> start() {
            attempt();
            return result;
        }

        private void attempt() {
            long delay;
            try {
                delay = pacer.permitDelayMillis(subject);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            if (delay > 0) {
                schedule(this::send, delay);
            } else {
                send();
            }
        }

        private void send() {
            CallContext call = new CallContext();
            call.begin(owner, subject, company, clientMethod.route(), System.nanoTime());
            CallContext previous = CallContext.install(call); // the client's executor carries it to the sending thread
            CompletionStage<?> stage;
            try {
                stage = (CompletionStage<?>) method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                failed(unwrap(e.getCause()), call);
                return;
            } catch (ReflectiveOperationException | RuntimeException e) {
                result.completeExceptionally(e);
                return;
            } finally {
                CallContext.restore(previous);
            }
            stage.whenComplete((value, failure) -> {
                if (failure == null) {
                    result.complete(value);
                } else {
                    failed(unwrap(completionCause(failure)), call);
                }
            });
        }

        private void failed(Throwable failure, CallContext call) {
            attempts.sent = call.sent;
            attempts.refusedCompany = call.refusedCompany;
            long wait;
            try {
                wait = next(failure, attempts, subject, httpMethod, method, idempotent);
            } catch (Throwable surfaced) {
                result.completeExceptionally(surfaced);
                return;
            }
            try {
                if (wait > 0) {
                    schedule(this::attempt, wait);
                } else {
                    async.sender().execute(this::attempt); // a renewal may block on the token request: not on the timer
                }
            } catch (RejectedExecutionException closed) {
                result.completeExceptionally(closedConnection(closed));
            }
        }

        private void schedule(Runnable next, long millis) {
            try {
                async.timer().schedule(next, millis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                result.completeExceptionally(closedConnection(closed));
            }
        }
    }

    private ProcoreException closedConnection(RejectedExecutionException e) {
        return new ProcoreException("Procore connection '" + config.name() + "' is closed (its application stopped): the "
                + "asynchronous call " + api.getSimpleName() + " was not completed", e);
    }

    private static Throwable completionCause(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private Object invokeDirectly(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw unwrap(e.getCause());
        }
    }

    private ProcoreException ioFailure(String httpMethod, Method method, ProcessingException e, int retries) {
        String p = "procore." + config.name() + ".";
        String what = Throwables.causedBy(e, SocketTimeoutException.class) || Throwables.causedBy(e, InterruptedIOException.class)
                ? "timed out (" + p + "connect-timeout " + config.connectTimeout() + ", " + p + "read-timeout " + config.readTimeout() + ")"
                : neverSent(e) ? "failed before it was sent: " + UnreachableUrls.explain(config, config.apiUrl(), "api-url", e)
                : "failed: " + Throwables.rootMessage(e);
        return new ProcoreException("Procore connection '" + config.name() + "': " + httpMethod + " call "
                + api.getSimpleName() + "." + method.getName() + "() " + what
                + (retries > 0 ? " after " + retries + (retries == 1 ? " retry" : " retries") : ""), e);
    }

    /** The text of Procore's answer to a call without {@code Procore-Company-Id} (v1 {@code errors}, v2 {@code error.message}). */
    static final String MISSING_COMPANY = "Missing Procore-Company-Id header";

    /**
     * Procore's 400 "Missing Procore-Company-Id header!" names the header, not the fix: the same exception (status, body,
     * headers) whose message says which property or call sends it.
     */
    private ProcoreApiException missingCompanyHint(ProcoreApiException answer) {
        if (answer.status() != 400 || answer.getClass() != ProcoreApiException.class || !answer.body().contains(MISSING_COMPANY)) {
            return answer;
        }
        ProcoreApiException named = new ProcoreApiException(answer.getMessage() + "; this call sent no Procore-Company-Id: set procore."
                + config.name() + ".company-id, or call it through connection.forCompany(companyId) (a service account must name a "
                + "company on every call, /me and /companies included)", answer.status(), answer.body(), answer.headers());
        named.initCause(answer);
        return named;
    }

    /** @return whether the request provably never left: the host does not resolve, or the connection was refused */
    private static boolean neverSent(Throwable e) {
        return Throwables.causedBy(e, ConnectException.class) || Throwables.causedBy(e, UnknownHostException.class)
                || Throwables.causedBy(e, java.nio.channels.UnresolvedAddressException.class);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof ProcessingException && t.getCause() != null) {
            if (t.getCause() instanceof ProcoreException p) {
                return p;
            }
            t = t.getCause();
        }
        return failure;
    }

    private Object objectMethod(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return "ProcoreClient[" + api.getName() + ", connection=" + config.name()
                        + (scope.subject() != null ? ", subject=" + scope.subject() : "")
                        + (scope.companyId() != null ? ", company=" + scope.companyId() : "") + "]";
        }
    }
}
