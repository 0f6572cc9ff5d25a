package io.github.procorecdi.extension.faulttolerance;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Answers a probe call itself: if it runs, the server applies interceptors to clients built by RestClientBuilder. The
 * extension adds it once ({@link #register}); the extension jar's {@code beans.xml} excludes it from bean discovery, so
 * that a server scanning that jar does not add it a second time.
 */
@Interceptor
@InterceptionProbe
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class ProbeInterceptor {
    static final String INTERCEPTED = "intercepted";

    /**
     * Adds the probe's interceptor to the deployment, as the container reads the class: no configurator, whose
     * machinery costs a cold boot tens of classes.
     */
    public static void register(BeforeBeanDiscovery event, BeanManager beanManager) {
        event.addAnnotatedType(beanManager.createAnnotatedType(ProbeInterceptor.class), "procore-cdi:" + ProbeInterceptor.class.getName());
    }

    @AroundInvoke
    Object answer(InvocationContext context) {
        return INTERCEPTED;
    }
}
