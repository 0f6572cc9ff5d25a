package io.github.procorecdi.health;

import java.util.ArrayList;
import java.util.List;

import io.github.procorecdi.IntegrationHealth;
import io.github.procorecdi.IntegrationObservation;
import io.github.procorecdi.IntegrationObservation.Signal;

/** {@link IntegrationHealth} computed from counted calls, anew at every call of its methods. */
public final class LiveIntegrationHealth implements IntegrationHealth {
    private static final Signal[] SIGNALS = Signal.values();

    private final ActivitySource source;
    private final ActivityClock clock;
    private final String company;
    private final PrivateRoutes privateRoutes;

    /**
     * @param company       the company covered ({@code Procore-Company-Id} as sent), or {@code null} for every call
     * @param privateRoutes the routes the application declares private
     */
    public LiveIntegrationHealth(ActivitySource source, ActivityClock clock, String company, PrivateRoutes privateRoutes) {
        this.source = source;
        this.clock = clock;
        this.company = company;
        this.privateRoutes = privateRoutes;
    }

    /** An observation with its daily severities (oldest first, today last). */
    public record Detail(IntegrationObservation observation, HealthRules.Severity[] days) {
    }

    @Override
    public List<IntegrationObservation> observations() {
        List<IntegrationObservation> list = new ArrayList<>(SIGNALS.length);
        for (Detail d : details()) {
            list.add(d.observation());
        }
        return List.copyOf(list);
    }

    /** @return the seven observations with their daily severities */
    public List<Detail> details() {
        int n = HealthRules.WINDOW_DAYS;
        long today = clock.today();
        long first = today - n + 1;
        long[] calls = new long[n];
        long[][] counts = new long[SIGNALS.length][n];
        for (ActivityRow row : source.rows(company, first, today)) {
            int d = (int) (row.day() - first);
            if (d < 0 || d >= n) {
                continue;
            }
            calls[d] += row.count();
            for (Signal s : SIGNALS) {
                if (has(s, row)) {
                    counts[s.ordinal()][d] += row.count();
                }
            }
        }
        long allCalls = 0;
        for (long c : calls) {
            allCalls += c;
        }
        List<Detail> details = new ArrayList<>(SIGNALS.length);
        for (Signal s : SIGNALS) {
            HealthRules.Severity[] days = new HealthRules.Severity[n];
            long total = 0;
            for (int d = 0; d < n; d++) {
                long c = counts[s.ordinal()][d];
                total += c;
                days[d] = HealthRules.severity(s, c, calls[d]);
            }
            details.add(new Detail(new IntegrationObservation(s, HealthRules.state(days), total, allCalls), days));
        }
        return details;
    }

    private boolean has(Signal signal, ActivityRow row) {
        return switch (signal) {
            case FORBIDDEN_403 -> row.status() == 403;
            case NOT_FOUND_404 -> row.status() == 404;
            case RATE_LIMITED_429 -> row.status() == 429;
            case UNAUTHORIZED_401 -> row.status() == 401;
            case MISSING_COMPANY_ID -> row.missingCompany();
            case DEPRECATED_ENDPOINT -> row.deprecated();
            case PRIVATE_ENDPOINT -> !privateRoutes.isEmpty() && privateRoutes.matches(row.route());
        };
    }

    @Override
    public String activityReport() {
        long today = clock.today();
        return ActivityReport.csv(source.rows(company, today - ActivityReport.DAYS + 1, today));
    }

    @Override
    public String toString() {
        return "IntegrationHealth[" + (company == null ? "all companies" : "company " + company) + "]";
    }
}
