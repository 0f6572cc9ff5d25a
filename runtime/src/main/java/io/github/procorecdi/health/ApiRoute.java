package io.github.procorecdi.health;

/**
 * A normalized route of the activity report: an HTTP method and a path template ({@code /rest/v1.0/projects/{id}}),
 * with a small index that keys its counters. Created only through {@link ApiRoutes}, so that there is one per
 * method, template and deprecation, and their number is bounded.
 */
public final class ApiRoute {
    /** The report's route for every call whose template is unknown (and for routes beyond {@link ApiRoutes#MAX}). */
    public static final String OTHER = "other";

    private final int index;
    private final String method;
    private final String template;
    private final boolean deprecated;
    private final boolean companyOptional;
    private final ApiRoute other;

    ApiRoute(int index, String method, String template, boolean deprecated, ApiRoute other) {
        this.index = index;
        this.method = method;
        this.template = template;
        this.deprecated = deprecated;
        this.companyOptional = ApiRoutes.companyOptional(template);
        this.other = other == null ? this : other;
    }

    /** @return the index of this route's counters (below {@link ApiRoutes#MAX}) */
    public int index() {
        return index;
    }

    /** @return the HTTP method, e.g. {@code GET} */
    public String method() {
        return method;
    }

    /** @return the path template, e.g. {@code /rest/v1.0/projects/{id}}, or {@link #OTHER} */
    public String template() {
        return template;
    }

    /** @return whether the interface method (or its interface) is annotated {@code @Deprecated} */
    public boolean deprecated() {
        return deprecated;
    }

    /**
     * @return whether Procore answers this route without {@code Procore-Company-Id} ({@code /rest/v1.0/me} and
     *         {@code /rest/v1.0/companies}); a call of any other route sent without it is marked
     */
    public boolean companyOptional() {
        return companyOptional;
    }

    /** @return the route of the same method that calls fold into when a day's counters are full */
    ApiRoute other() {
        return other;
    }

    @Override
    public String toString() {
        return method + " " + template + (deprecated ? " (deprecated)" : "");
    }
}
