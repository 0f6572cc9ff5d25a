package io.github.procorecdi.client;

import java.lang.reflect.Method;

/**
 * Where procore-cdi's retries come from for each method: the connection's {@code max-retries}, or what the container
 * knows of the application's MicroProfile Fault Tolerance annotations on the method (so that attempts never multiply).
 */
@FunctionalInterface
public interface RetryRules {
    /** The connection's {@code max-retries} for every method. */
    RetryRules CONFIGURED = (method, maxRetries) -> RetryRule.configured(maxRetries);

    /**
     * Asked at a call's first failure only.
     *
     * @param method     the client interface method
     * @param maxRetries the connection's {@code max-retries}
     */
    RetryRule of(Method method, int maxRetries);
}
