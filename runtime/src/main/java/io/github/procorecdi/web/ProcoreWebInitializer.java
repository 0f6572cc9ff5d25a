package io.github.procorecdi.web;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.connection.ConnectionRegistry;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;

/**
 * Registers {@link ProcoreWebFilter} on every web application that has procore-cdi on its class path, and marks the
 * application as a web application at once, before it serves anything or runs its start-up code: from then on a call
 * of an authorization-code connection outside a web request must name its subject ({@code forSubject} or a
 * {@code ProcoreSubjectResolver}), whether or not a request was served. Where the container starts CDI after this
 * initializer (the registry cannot be found yet), the servlet context is marked instead ({@link WebModules}) and the
 * extension marks the application when CDI starts it with that context.
 */
public final class ProcoreWebInitializer implements ServletContainerInitializer {
    private static final Logger LOG = Logger.getLogger(ProcoreWebInitializer.class.getName());
    static final String FILTER_NAME = "procore-cdi";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        if (context.getFilterRegistration(FILTER_NAME) != null) {
            return;
        }
        ProcoreWebFilter procore = new ProcoreWebFilter();
        context.addListener(new SessionEnds(procore.registry()));
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, procore);
        if (filter != null) {
            filter.setAsyncSupported(true);
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
        WebModules.mark(context);
        markWebApplication(procore.registry());
    }

    /** Marks the application's connections as those of a web application, if its container is up already. */
    static void markWebApplication(Supplier<ConnectionRegistry> registry) {
        try {
            registry.get().servingWebRequests();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "procore-cdi: the application's connections are not there yet; the extension marks it as a "
                    + "web application when CDI starts it", e);
        }
    }
}
