package io.github.procorecdi.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every API call of one connection, counted as Procore counts it: by UTC day, response code, HTTP method and normalized
 * route, per company ({@code Procore-Company-Id} as sent), with the calls sent without the header to a route that needs
 * it and the answers marked deprecated. Memory is bounded: routes by {@link ApiRoutes#MAX}, days by
 * {@link ActivityLedger#DAYS}, companies by {@link #MAX_COMPANIES} (later ones count toward the connection's totals
 * only). {@link #record} is lock-free and allocates nothing once the day's counters exist.
 */
public final class ConnectionActivity implements ActivitySource {
    /** Companies counted one by one; calls for further companies count toward the connection's totals only. */
    public static final int MAX_COMPANIES = 256;

    private final ActivityClock clock;
    private final Map<String, ActivityLedger> companies = new ConcurrentHashMap<>();
    private final ActivityLedger noCompany;
    private final ActivityLedger otherCompanies;
    /** Counts of the days the ledgers dropped, by route and code: with the live days, the totals since start. */
    private final Map<Long, LongAdder> retired = new ConcurrentHashMap<>();

    public ConnectionActivity(ActivityClock clock) {
        this.clock = clock;
        this.noCompany = newLedger();
        this.otherCompanies = newLedger();
    }

    private ActivityLedger newLedger() {
        return new ActivityLedger((key, count) -> retired.computeIfAbsent(key & ~0xFL, k -> new LongAdder()).add(count));
    }

    /** @return the clock that dates the calls */
    public ActivityClock clock() {
        return clock;
    }

    /**
     * Counts one answered call.
     *
     * @param company           the {@code Procore-Company-Id} sent, or {@code null}
     * @param route             the call's route
     * @param status            the response code
     * @param deprecationHeader whether the answer carried {@code Deprecation} or {@code Sunset}
     * @param nanos             a {@link System#nanoTime()} of when the call was sent
     */
    public void record(String company, ApiRoute route, int status, boolean deprecationHeader, long nanos) {
        record(clock.day(nanos), company, route, status, deprecationHeader);
    }

    /** As {@link #record(String, ApiRoute, int, boolean, long)}, on a given UTC epoch day. */
    public void record(long day, String company, ApiRoute route, int status, boolean deprecationHeader) {
        boolean missing = company == null || company.isEmpty();
        int marks = (missing && !route.companyOptional() ? ActivityKeys.MISSING_COMPANY : 0)
                | (deprecationHeader || route.deprecated() ? ActivityKeys.DEPRECATION_HEADER : 0);
        ledger(missing ? NONE : company).increment(day, route, status, marks);
    }

    private ActivityLedger ledger(String company) {
        if (company == NONE) {
            return noCompany;
        }
        ActivityLedger ledger = companies.get(company);
        if (ledger == null) {
            if (companies.size() >= MAX_COMPANIES) {
                return otherCompanies;
            }
            ledger = companies.computeIfAbsent(company, c -> newLedger());
        }
        return ledger;
    }

    @Override
    public List<ActivityRow> rows(String company, long from, long to) {
        List<ActivityRow> rows = new ArrayList<>();
        ActivityLedger.DayKeyCounts sink = (day, key, count) -> {
            ApiRoute route = ApiRoutes.byIndex(ActivityKeys.routeIndex(key));
            if (route != null) {
                rows.add(new ActivityRow(day, ActivityKeys.status(key), route.method(), route.template(), ActivityKeys.marks(key), count));
            }
        };
        if (company != null) {
            ActivityLedger ledger = companies.get(company);
            if (ledger != null) {
                ledger.forEach(from, to, sink);
            }
            return rows;
        }
        noCompany.forEach(from, to, sink);
        otherCompanies.forEach(from, to, sink);
        companies.values().forEach(l -> l.forEach(from, to, sink));
        return rows;
    }

    /** The company key of calls sent without {@code Procore-Company-Id}, in {@link #forEachRow}. */
    public static final String NONE = "";
    /** The company key of the calls of companies beyond {@link #MAX_COMPANIES}, in {@link #forEachRow}. */
    public static final String OTHER_COMPANIES = "*";

    /**
     * Hands the counted calls of the days {@code from} to {@code to} to {@code sink} with their company ({@link #NONE},
     * {@link #OTHER_COMPANIES} or the id as sent); a (day, company, code, method, route, marks) may come more than once.
     */
    public void forEachRow(long from, long to, CompanyRows sink) {
        forEach(noCompany, NONE, from, to, sink);
        forEach(otherCompanies, OTHER_COMPANIES, from, to, sink);
        companies.forEach((company, ledger) -> forEach(ledger, company, from, to, sink));
    }

    private static void forEach(ActivityLedger ledger, String company, long from, long to, CompanyRows sink) {
        ledger.forEach(from, to, (day, key, count) -> {
            ApiRoute route = ApiRoutes.byIndex(ActivityKeys.routeIndex(key));
            if (route != null) {
                sink.accept(company, new ActivityRow(day, ActivityKeys.status(key), route.method(), route.template(),
                        ActivityKeys.marks(key), count));
            }
        });
    }

    /** Receives rows with their company. */
    @FunctionalInterface
    public interface CompanyRows {
        void accept(String company, ActivityRow row);
    }

    /**
     * Hands every (method, route, code) and its count since the connection started to {@code sink}, each once: the
     * figures of a cumulative counter.
     */
    public void totals(Totals sink) {
        Map<Long, Long> sums = new java.util.HashMap<>();
        retired.forEach((key, adder) -> sums.merge(key, adder.sum(), Long::sum));
        ActivityLedger.DayKeyCounts live = (day, key, count) -> sums.merge(key & ~0xFL, count, Long::sum);
        noCompany.forEach(Long.MIN_VALUE, Long.MAX_VALUE, live);
        otherCompanies.forEach(Long.MIN_VALUE, Long.MAX_VALUE, live);
        companies.values().forEach(l -> l.forEach(Long.MIN_VALUE, Long.MAX_VALUE, live));
        sums.forEach((key, count) -> {
            ApiRoute route = ApiRoutes.byIndex(ActivityKeys.routeIndex(key));
            if (route != null) {
                sink.accept(route.method(), route.template(), ActivityKeys.status(key), count);
            }
        });
    }

    /** @return calls that fitted in no counter (more than 8,128 distinct rows a day for one company) */
    public long uncounted() {
        long n = noCompany.uncounted() + otherCompanies.uncounted();
        for (ActivityLedger l : companies.values()) {
            n += l.uncounted();
        }
        return n;
    }

    /** Receives cumulative totals. */
    @FunctionalInterface
    public interface Totals {
        void accept(String method, String route, int status, long count);
    }
}
