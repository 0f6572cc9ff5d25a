package io.github.procorecdi.client;

import java.lang.reflect.Method;

import io.github.procorecdi.health.ApiRoute;
import io.github.procorecdi.health.ApiRoutes;
import jakarta.ws.rs.Path;

/**
 * What the invocation handler needs of an interface method, worked out once per method: its HTTP method (empty for a
 * method that sends nothing itself) and the route its calls are counted under.
 *
 * @param httpMethod e.g. {@code GET}, or empty
 * @param route      the normalized route: the interface's and the method's {@code @Path}s joined, or {@code null}
 */
record ClientMethod(String httpMethod, ApiRoute route) {
    /** A default method or sub-resource locator: its own calls come back through the handler. */
    static final ClientMethod NONE = new ClientMethod("", null);

    static ClientMethod of(Class<?> api, Method method) {
        String verb = HttpMethods.of(method);
        if (verb == null) {
            return NONE;
        }
        Path typePath = api.getAnnotation(Path.class);
        if (typePath == null) {
            typePath = method.getDeclaringClass().getAnnotation(Path.class);
        }
        Path methodPath = method.getAnnotation(Path.class);
        String template = (typePath == null ? "" : typePath.value()) + "/" + (methodPath == null ? "" : methodPath.value());
        boolean deprecated = method.isAnnotationPresent(Deprecated.class) || method.getDeclaringClass().isAnnotationPresent(Deprecated.class);
        return new ClientMethod(verb, ApiRoutes.of(verb, template, deprecated));
    }
}
