package io.github.procorecdi.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.internal.DefaultProcoreConnection;
import jakarta.ws.rs.ProcessingException;

/**
 * Wraps a MicroProfile Rest Client proxy: unwraps Procore exceptions that the client
 * implementation wrapped, and answers a 401 with one token renewal and one retry.
 */
final class ProcoreClientInvocationHandler implements InvocationHandler {
    private final Class<?> api;
    private final Object delegate;
    private final DefaultProcoreConnection connection;

    ProcoreClientInvocationHandler(Class<?> api, Object delegate, DefaultProcoreConnection connection) {
        this.api = api;
        this.delegate = delegate;
        this.connection = connection;
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
        boolean renewed = false;
        while (true) {
            ProcoreRequestFilter.clearLastSent();
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                Throwable failure = unwrap(e.getCause());
                String sent = ProcoreRequestFilter.lastSent();
                if (!renewed && sent != null && failure instanceof ProcoreApiException api401 && api401.status() == 401) {
                    renewed = true;
                    connection.runtime().tokens().renewRejected(connection.subject(), sent);
                    continue;
                }
                throw failure;
            }
        }
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
