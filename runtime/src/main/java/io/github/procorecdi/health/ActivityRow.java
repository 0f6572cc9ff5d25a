package io.github.procorecdi.health;

/**
 * Calls of one UTC day with one response code, method and route, and the same marks.
 *
 * @param day    UTC epoch day
 * @param status the response code
 * @param method the HTTP method
 * @param route  the normalized route (path template), or {@link ApiRoute#OTHER}
 * @param marks  {@link #MISSING_COMPANY} and {@link #DEPRECATED}
 * @param count  how many
 */
public record ActivityRow(long day, int status, String method, String route, int marks, long count) {
    /** Sent without {@code Procore-Company-Id} to a route that needs it. */
    public static final int MISSING_COMPANY = ActivityKeys.MISSING_COMPANY;
    /** Answered with a {@code Deprecation} or {@code Sunset} header, or a method annotated {@code @Deprecated}. */
    public static final int DEPRECATED = ActivityKeys.DEPRECATION_HEADER;

    public boolean missingCompany() {
        return (marks & MISSING_COMPANY) != 0;
    }

    public boolean deprecated() {
        return (marks & DEPRECATED) != 0;
    }
}
