package io.github.procorecdi.client;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ClientMethod} of each method of each client interface, worked out at its first call. The cache hangs off
 * the interface's {@code Class} itself ({@link ClassValue}), not off a static map: when procore-cdi is a module shared
 * by several applications, an undeployed application's interfaces (and so its class loader) are not kept reachable.
 */
final class ClientMethods {
    private static final ClassValue<Map<Method, ClientMethod>> BY_API = new ClassValue<>() {
        @Override
        protected Map<Method, ClientMethod> computeValue(Class<?> api) {
            return new ConcurrentHashMap<>();
        }
    };

    private ClientMethods() {
    }

    /** @return what the handler needs of {@code method}, called through interface {@code api} */
    static ClientMethod of(Class<?> api, Method method) {
        Map<Method, ClientMethod> methods = BY_API.get(api);
        ClientMethod known = methods.get(method);
        return known != null ? known : methods.computeIfAbsent(method, m -> ClientMethod.of(api, m));
    }
}
