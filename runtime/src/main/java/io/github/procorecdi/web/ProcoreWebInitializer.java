package io.github.procorecdi.web;

import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;


import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;

/**
 * Registers {@link ProcoreWebFilter} on every web application that has procore-cdi on its class path, and marks the
 * application as a web application at once, before it serves anything or runs its start-up code: from then on a call
 * of an authorization-code connection outside a web request must name its subject ({@code forSubject} or a
 * {@code ProcoreSubjectResolver}), whether or not a request was served. The initializer asks the extension to mark the
 * application's web flag (without creating its connections: Quarkus runs initializers before it reads the run-time
 * configuration), and marks the servlet context ({@link WebModules}): where CDI is not up yet when the initializer
 * runs, the extension marks the flag when CDI starts the web module with that context.
 */
public final class ProcoreWebInitializer implements ServletContainerInitializer {
    private static final Logger LOG = Logger.getLogger(ProcoreWebInitializer.class.getName());
    static final String FILTER_NAME = "procore-cdi";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        if (context.getFilterRegistration(FILTER_NAME) != null) {
            return;
        }
        ExtensionRegistry registry = new ExtensionRegistry();
        ProcoreWebFilter procore = new ProcoreWebFilter(registry);
        context.addListener(new SessionEnds(procore.registry()));
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, procore);
        if (filter != null) {
            filter.setAsyncSupported(true);
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
        WebModules.mark(context);
        try {
            registry.markWebApplication();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "procore-cdi: the application's container is not up yet; the extension marks the application "
                    + "as a web application when CDI starts it", e);
        }
    }
}
