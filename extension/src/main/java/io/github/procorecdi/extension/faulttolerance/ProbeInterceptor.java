package io.github.procorecdi.extension.faulttolerance;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Answers a probe call itself: if it runs, the server applies interceptors to clients built by RestClientBuilder. Not
 * annotated {@code @Interceptor} here, so that bean discovery never finds it in the extension's jar: the extension adds
 * it, with that annotation, once ({@link FaultToleranceRetryRules#addProbe}).
 */
@InterceptionProbe
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class ProbeInterceptor {
    static final String INTERCEPTED = "intercepted";

    @AroundInvoke
    Object answer(InvocationContext context) {
        return INTERCEPTED;
    }
}
