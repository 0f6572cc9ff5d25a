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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreAppNotConnectedException;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.internal.Subjects;
import io.github.procorecdi.internal.Throwables;
import io.github.procorecdi.token.TokenManager;
import jakarta.ws.rs.ProcessingException;

/**
 * Wraps a MicroProfile Rest Client proxy with Procore's rules for every synchronous call:
 * wait while the connection's rate limit is exhausted; answer a 401 with one token renewal and one
 * retry; retry 429/503 (and 502/504/I-O failures of idempotent methods) up to {@code max-retries},
 * honoring {@code Retry-After}; surface Procore exceptions unwrapped.
 */
final class ProcoreClientInvocationHandler implements InvocationHandler {
    private static final Map<Method, String> HTTP_METHODS = new ConcurrentHashMap<>();
    private static final String NONE = "";

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

    ProcoreClientInvocationHandler(Object owner, Class<?> api, Object delegate, ConnectionConfig config, ClientScope scope, String company,
                                   TokenManager tokens, Subjects subjects, RateLimitPacer pacer, RetryPolicy retries,
                                   NotConnectedCompanies notConnected) {
        this.notConnected = notConnected;
        this.owner = owner;
        this.api = api;
        this.delegate = delegate;
        this.config = config;
        this.scope = scope;
        this.company = company;
        this.tokens = tokens;
        this.subjects = subjects;
        this.pacer = pacer;
        this.retries = retries;
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
        String httpMethod = HTTP_METHODS.computeIfAbsent(method, m -> {
            String verb = HttpMethods.of(m);
            return verb == null ? NONE : verb;
        });
        if (httpMethod.isEmpty()) {
            return invokeDirectly(method, args); // default method or sub-resource: its own calls come back through here
        }
        boolean idempotent = HttpMethods.isIdempotent(httpMethod);
        String subject = scope.subject() != null ? scope.subject() : subjects.current();
        boolean renewed = false;
        int retry = 0;
        CallContext call = CallContext.current();
        while (true) {
            pacer.awaitPermit(subject);
            Throwable failure;
            String sent;
            String refusedCompany;
            call.begin(owner, subject, company);
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                failure = unwrap(e.getCause());
            } finally {
                sent = call.sent;
                refusedCompany = call.refusedCompany;
                call.end();
            }
            if (failure instanceof ProcoreAppNotConnectedException refused && refused.status() == 403) {
                throw notConnected.refused(refused, refusedCompany);
            }
            if (failure instanceof ProcoreApiException answer) {
                if (answer.status() == 401 && !renewed && sent != null) {
                    renewed = true;
                    tokens.renewRejected(subject, sent);
                    continue;
                }
                if (RetryPolicy.isRetryableStatus(answer.status(), idempotent) && retry < retries.maxRetries()) {
                    Duration wait = retries.waitAfter(answer, retry);
                    if (wait != null) {
                        RateLimitPacer.sleep(wait.toMillis());
                        retry++;
                        continue;
                    }
                }
                throw failure;
            }
            if (failure instanceof ProcessingException io && !(io.getCause() instanceof ProcoreException)) {
                boolean neverSent = Throwables.causedBy(io, ConnectException.class) || Throwables.causedBy(io, UnknownHostException.class);
                if ((idempotent || neverSent) && retry < retries.maxRetries() && Throwables.causedBy(io, IOException.class)) {
                    RateLimitPacer.sleep(retries.backoff(retry).toMillis());
                    retry++;
                    continue;
                }
                throw ioFailure(httpMethod, method, io, retry);
            }
            throw failure;
        }
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
                : "failed: " + Throwables.rootMessage(e) + (Throwables.causedBy(e, UnknownHostException.class) || Throwables.causedBy(e, ConnectException.class)
                        ? " (check " + p + "api-url / environment: " + config.apiUrl() + ")" : "");
        return new ProcoreException("Procore connection '" + config.name() + "': " + httpMethod + " call "
                + api.getSimpleName() + "." + method.getName() + "() " + what
                + (retries > 0 ? " after " + retries + (retries == 1 ? " retry" : " retries") : ""), e);
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
