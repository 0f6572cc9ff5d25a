package io.github.procorecdi.health;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Every normalized route of the application, numbered. Routes come from the REST client interfaces (one per HTTP method,
 * path template and deprecation), so their number is bounded by the code; past {@link #MAX} every new one is folded
 * into its method's {@link ApiRoute#OTHER} route. Looked up once per interface method, never per call.
 */
public final class ApiRoutes {
    /** At most this many routes (and their indexes) exist. */
    public static final int MAX = 4096;

    private static final Map<String, ApiRoute> BY_KEY = new ConcurrentHashMap<>();
    private static final AtomicReferenceArray<ApiRoute> BY_INDEX = new AtomicReferenceArray<>(MAX);
    private static int next;
    /** The route of calls whose method is beyond the bound as well. */
    private static final ApiRoute LAST_RESORT = new ApiRoute(0, "OTHER", ApiRoute.OTHER, false, null);

    static {
        BY_INDEX.set(0, LAST_RESORT);
        next = 1;
    }

    private ApiRoutes() {
    }

    /**
     * @param method     the HTTP method
     * @param template   the path template (normalized by {@link #normalize})
     * @param deprecated whether the interface method is annotated {@code @Deprecated}
     * @return the route, created at its first use
     */
    public static ApiRoute of(String method, String template, boolean deprecated) {
        String m = method.toUpperCase(Locale.ROOT);
        String t = normalize(template);
        String key = m + ' ' + t + (deprecated ? " D" : "");
        ApiRoute route = BY_KEY.get(key);
        return route != null ? route : create(key, m, t, deprecated);
    }

    /** @return the {@link ApiRoute#OTHER} route of {@code method} */
    public static ApiRoute other(String method) {
        return of(method == null ? "OTHER" : method, ApiRoute.OTHER, false);
    }

    /** @return the route of {@code index}, or {@code null} */
    static ApiRoute byIndex(int index) {
        return index >= 0 && index < MAX ? BY_INDEX.get(index) : null;
    }

    private static synchronized ApiRoute create(String key, String method, String template, boolean deprecated) {
        ApiRoute route = BY_KEY.get(key);
        if (route != null) {
            return route;
        }
        ApiRoute other = ApiRoute.OTHER.equals(template) && !deprecated ? null : other(method);
        if (next >= MAX) {
            return other != null ? other : LAST_RESORT;
        }
        route = new ApiRoute(next, method, template, deprecated, other);
        BY_INDEX.set(next++, route);
        BY_KEY.put(key, route);
        return route;
    }

    /**
     * A path template as the report shows it: one leading slash, no doubled or trailing slash, no query, and parameters
     * without their regular expressions ({@code {id: \d+}} is {@code {id}}).
     */
    public static String normalize(String template) {
        if (template == null || template.isBlank()) {
            return "/";
        }
        if (template.equals(ApiRoute.OTHER)) {
            return template;
        }
        StringBuilder sb = new StringBuilder(template.length() + 1);
        int depth = 0;
        boolean inName = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (depth == 0 && c == '?') {
                break;
            }
            if (c == '{') {
                depth++;
                if (depth == 1) {
                    inName = true;
                    sb.append(c);
                }
                continue;
            }
            if (c == '}') {
                depth--;
                if (depth == 0) {
                    sb.append('}');
                    inName = false;
                }
                continue;
            }
            if (depth > 0) {
                if (inName && c == ':') {
                    inName = false; // the regular expression is left out
                } else if (inName && !Character.isWhitespace(c)) {
                    sb.append(c);
                }
                continue;
            }
            if (c == '/' && (sb.length() == 0 || sb.charAt(sb.length() - 1) == '/')) {
                if (sb.length() == 0) {
                    sb.append('/');
                }
                continue;
            }
            if (sb.length() == 0) {
                sb.append('/');
            }
            sb.append(c);
        }
        if (sb.length() > 1 && sb.charAt(sb.length() - 1) == '/') {
            sb.setLength(sb.length() - 1);
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    /** The two routes Procore answers without {@code Procore-Company-Id} (for a user's token). */
    static boolean companyOptional(String template) {
        return template.equals("/rest/v1.0/me") || template.equals("/rest/v1.0/companies");
    }
}
