package io.github.procorecdi.web;

import java.util.EnumSet;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;

/** Registers {@link ProcoreWebFilter} on every web application that has procore-cdi on its class path. */
public final class ProcoreWebInitializer implements ServletContainerInitializer {
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
    }
}
