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
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.internal.DefaultProcoreConnection;
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

    private final Class<?> api;
    private final Object delegate;
    private final DefaultProcoreConnection connection;
    private final RateLimitPacer pacer;
    private final RetryPolicy retries;

    ProcoreClientInvocationHandler(Class<?> api, Object delegate, DefaultProcoreConnection connection, RateLimitPacer pacer,
                                   RetryPolicy retries) {
        this.api = api;
        this.delegate = delegate;
        this.connection = connection;
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
        String subject = connection.subject();
        boolean renewed = false;
        int retry = 0;
        while (true) {
            pacer.awaitPermit(subject);
            ProcoreRequestFilter.clearLastSent();
            Throwable failure;
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                failure = unwrap(e.getCause());
            }
            if (failure instanceof ProcoreApiException answer) {
                String sent = ProcoreRequestFilter.lastSent();
                if (answer.status() == 401 && !renewed && sent != null) {
                    renewed = true;
                    connection.runtime().tokens().renewRejected(subject, sent);
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
                boolean neverSent = causedBy(io, ConnectException.class) || causedBy(io, UnknownHostException.class);
                if ((idempotent || neverSent) && retry < retries.maxRetries() && causedBy(io, IOException.class)) {
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
        String what = causedBy(e, SocketTimeoutException.class) || causedBy(e, InterruptedIOException.class)
                ? "timed out (connect-timeout " + connection.runtime().config().connectTimeout() + ", read-timeout "
                        + connection.runtime().config().readTimeout() + ")"
                : "failed: " + rootMessage(e);
        return new ProcoreException("Procore connection '" + connection.name() + "': " + httpMethod + " call "
                + api.getSimpleName() + "." + method.getName() + "() " + what
                + (retries > 0 ? " after " + retries + (retries == 1 ? " retry" : " retries") : ""), e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
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
                return "ProcoreClient[" + api.getName() + ", " + connection + "]";
        }
    }
}
