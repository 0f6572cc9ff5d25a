package io.github.procorecdi.web;

import jakarta.servlet.ServletContext;

/**
 * Which servlet contexts procore-cdi serves: the initializer marks each it registers its filter on with an attribute,
 * and the extension asks here whether the {@code ServletContext} CDI starts an application with is one of them (where
 * the initializer ran before the container was up and could not mark the application as a web application itself).
 * The mark lives in the application's own context, never in a static field shared by applications.
 */
public final class WebModules {
    /** The attribute of a servlet context procore-cdi's filter serves. */
    static final String ATTRIBUTE = "io.github.procorecdi.web";

    private WebModules() {
    }

    /** Marks a servlet context as served by procore-cdi's filter. */
    static void mark(ServletContext context) {
        context.setAttribute(ATTRIBUTE, Boolean.TRUE);
    }

    /**
     * @param payload the payload of CDI's {@code @Initialized(ApplicationScoped.class)} event (a {@code ServletContext}
     *                where a servlet container starts a web module; call only where the Servlet API is visible)
     * @return whether it is a servlet context procore-cdi's filter serves
     */
    public static boolean servedByProcoreCdi(Object payload) {
        return payload instanceof ServletContext context && Boolean.TRUE.equals(context.getAttribute(ATTRIBUTE));
    }
}
