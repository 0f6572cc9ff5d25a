package io.github.procorecdi.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Procore's side of the books: every API answer the simulator sent, counted as Procore's API Call Activity Report
 * counts it (UTC day, response code, HTTP method, normalized route), and the routes whose answers carry
 * {@code Deprecation} and {@code Sunset}. The simulator knows the templates of the endpoints it serves; any other path
 * is {@code other}. Placeholders are named as in Procore's reference ({@code {company_id}}, {@code {project_id}},
 * {@code {id}}).
 */
final class SimActivity {
    static final String HEADER = "Date,Response Code,HTTP Method,Normalized Route,Count";
    static final String OTHER = "other";

    /** The endpoints served, most specific first. */
    private static final List<Map.Entry<Pattern, String>> ROUTES = List.of(
            route("/rest/v1\\.0/me", "/rest/v1.0/me"),
            route("/rest/v1\\.0/companies", "/rest/v1.0/companies"),
            route("/rest/v1\\.0/projects", "/rest/v1.0/projects"),
            route("/rest/v1\\.0/projects/sync", "/rest/v1.0/projects/sync"),
            route("/rest/v1\\.0/projects/[^/]+", "/rest/v1.0/projects/{id}"),
            route("/rest/v1\\.0/webhooks/hooks/?", "/rest/v1.0/webhooks/hooks"),
            route("/rest/v1\\.0/webhooks/hooks/[^/]+", "/rest/v1.0/webhooks/hooks/{id}"),
            route("/rest/v1\\.0/webhooks/hooks/[^/]+/triggers", "/rest/v1.0/webhooks/hooks/{id}/triggers"),
            route("/rest/v2\\.1/companies/[^/]+/uploads", "/rest/v2.1/companies/{company_id}/uploads"),
            route("/rest/v2\\.1/companies/[^/]+/uploads/[^/]+", "/rest/v2.1/companies/{company_id}/uploads/{id}"),
            route("/rest/v2\\.1/companies/[^/]+/projects/[^/]+/uploads",
                    "/rest/v2.1/companies/{company_id}/projects/{project_id}/uploads"),
            route("/rest/v2\\.1/companies/[^/]+/projects/[^/]+/uploads/[^/]+",
                    "/rest/v2.1/companies/{company_id}/projects/{project_id}/uploads/{id}"),
            route("/rest/v2\\.0/companies/[^/]+/projects", "/rest/v2.0/companies/{company_id}/projects"),
            route("/rest/v2\\.0/companies/[^/]+/projects/[^/]+", "/rest/v2.0/companies/{company_id}/projects/{id}"));

    private record Line(LocalDate day, int status, String method, String route) {
        static final Comparator<Line> ORDER = Comparator.comparing(Line::day).thenComparing(Line::route)
                .thenComparing(Line::method).thenComparingInt(Line::status);
    }

    private final Map<Line, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Set<String> deprecated = ConcurrentHashMap.newKeySet();

    private static Map.Entry<Pattern, String> route(String regex, String template) {
        return Map.entry(Pattern.compile(regex), template);
    }

    /** @return the template of {@code path}, or {@code other} */
    static String template(String path) {
        for (Map.Entry<Pattern, String> r : ROUTES) {
            if (r.getKey().matcher(path).matches()) {
                return r.getValue();
            }
        }
        return OTHER;
    }

    /** Answers of {@code method} {@code template} carry {@code Deprecation} and {@code Sunset} from now on. */
    void deprecate(String method, String template) {
        deprecated.add(method + " " + template);
    }

    boolean isDeprecated(String method, String template) {
        return deprecated.contains(method + " " + template);
    }

    void count(String method, String template, int status, Instant at) {
        if (status <= 0) {
            return; // no answer was sent
        }
        LocalDate day = LocalDate.ofInstant(at == null ? Instant.now() : at, ZoneOffset.UTC);
        counts.computeIfAbsent(new Line(day, status, method, template), k -> new AtomicLong()).incrementAndGet();
    }

    /** @return the report of the last 30 days, Procore's columns, sorted by date, route, method, code */
    String csv() {
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(29);
        Map<Line, Long> sorted = new TreeMap<>(Line.ORDER);
        counts.forEach((line, n) -> {
            if (!line.day().isBefore(first)) {
                sorted.put(line, n.get());
            }
        });
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        sorted.forEach((l, n) -> csv.append(l.day()).append(',').append(l.status()).append(',').append(l.method()).append(',')
                .append(l.route()).append(',').append(n).append('\n'));
        return csv.toString();
    }

    void reset() {
        counts.clear();
        deprecated.clear();
    }
}
