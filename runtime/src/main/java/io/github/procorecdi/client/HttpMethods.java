package io.github.procorecdi.client;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;

import jakarta.ws.rs.HttpMethod;

/** The HTTP method of a REST client interface method, and whether repeating it is safe. */
final class HttpMethods {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private HttpMethods() {
    }

    /** @return e.g. {@code GET}, or {@code null} for a method with no HTTP method annotation (a sub-resource locator, a default method) */
    static String of(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    static boolean isIdempotent(String httpMethod) {
        return httpMethod != null && IDEMPOTENT.contains(httpMethod);
    }
}
