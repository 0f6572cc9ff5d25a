package io.github.procorecdi.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.IntegrationObservation;
import io.github.procorecdi.IntegrationObservation.Signal;
import io.github.procorecdi.IntegrationObservation.State;

class ConnectionActivityTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 14);
    private static final long DAY = TODAY.toEpochDay();
    private final ActivityClock clock = new ActivityClock(Clock.fixed(Instant.parse("2026-03-14T12:00:00Z"), ZoneOffset.UTC));
    private final ConnectionActivity activity = new ConnectionActivity(clock);
    private final ApiRoute project = ApiRoutes.of("GET", "/rest/v1.0/projects/{id}", false);
    private final ApiRoute projects = ApiRoutes.of("GET", "/rest/v1.0/projects", false);
    private final ApiRoute create = ApiRoutes.of("POST", "/rest/v1.0/projects", false);
    private final ApiRoute me = ApiRoutes.of("GET", "/rest/v1.0/me", false);
    private final ApiRoute old = ApiRoutes.of("GET", "/rest/v1.0/old/{id}", true);

    private LiveIntegrationHealth health(String company, PrivateRoutes privates) {
        return new LiveIntegrationHealth(activity, clock, company, privates);
    }

    private IntegrationObservation observation(LiveIntegrationHealth health, Signal signal) {
        return health.observations().stream().filter(o -> o.signal() == signal).findFirst().orElseThrow();
    }

    @Test
    void reportHasProcoresColumnsOneRowPerDayCodeMethodAndRouteSortedByDateRouteMethodCode() {
        activity.record(DAY, "101", projects, 200, false);
        activity.record(DAY, "101", projects, 200, false);
        activity.record(DAY, "202", projects, 200, false);
        activity.record(DAY, "101", project, 404, false);
        activity.record(DAY, "101", project, 200, false);
        activity.record(DAY, "101", create, 201, false);
        activity.record(DAY - 1, null, me, 200, false);
        activity.record(DAY - 30, "101", projects, 200, false); // outside the 30 days
        assertThat(health(null, PrivateRoutes.NONE).activityReport()).isEqualTo("""
                Date,Response Code,HTTP Method,Normalized Route,Count
                2026-03-13,200,GET,/rest/v1.0/me,1
                2026-03-14,200,GET,/rest/v1.0/projects,3
                2026-03-14,201,POST,/rest/v1.0/projects,1
                2026-03-14,200,GET,/rest/v1.0/projects/{id},1
                2026-03-14,404,GET,/rest/v1.0/projects/{id},1
                """);
        assertThat(health("202", PrivateRoutes.NONE).activityReport()).as("one company's calls only").isEqualTo("""
                Date,Response Code,HTTP Method,Normalized Route,Count
                2026-03-14,200,GET,/rest/v1.0/projects,1
                """);
        assertThat(health("999", PrivateRoutes.NONE).activityReport()).isEqualTo(ActivityReport.HEADER + "\n");
    }

    @Test
    void missingCompanyIsMarkedExceptOnMeAndCompaniesAndDeprecationComesFromHeaderOrAnnotation() {
        for (int i = 0; i < 20; i++) {
            activity.record(DAY, "101", projects, 200, false);
        }
        activity.record(DAY, null, me, 200, false);              // allowed without the header
        activity.record(DAY, null, projects, 400, false);         // missing
        activity.record(DAY, "", projects, 400, false);           // blank is missing too
        activity.record(DAY, "101", project, 200, true);          // Deprecation / Sunset answered
        activity.record(DAY, "101", old, 200, false);             // @Deprecated method
        LiveIntegrationHealth health = health(null, PrivateRoutes.NONE);
        assertThat(observation(health, Signal.MISSING_COMPANY_ID)).isEqualTo(
                new IntegrationObservation(Signal.MISSING_COMPANY_ID, State.NEEDS_ATTENTION, 2, 25));
        assertThat(observation(health, Signal.DEPRECATED_ENDPOINT)).isEqualTo(
                new IntegrationObservation(Signal.DEPRECATED_ENDPOINT, State.NEEDS_ATTENTION, 2, 25));
        assertThat(observation(health, Signal.PRIVATE_ENDPOINT).state()).as("none declared").isEqualTo(State.HEALTHY);
        assertThat(observation(health(null, PrivateRoutes.parse("/rest/v1.0/old/*")), Signal.PRIVATE_ENDPOINT))
                .isEqualTo(new IntegrationObservation(Signal.PRIVATE_ENDPOINT, State.NEEDS_ATTENTION, 1, 25));
        assertThat(observation(health("101", PrivateRoutes.NONE), Signal.MISSING_COMPANY_ID).count())
                .as("calls without a company belong to no company").isZero();
    }

    @Test
    void observationsComeInProcoresOrderOverFourteenDays() {
        activity.record(DAY - 14, "101", project, 404, false); // 15 days ago: outside the window
        activity.record(DAY, "101", project, 200, false);
        assertThat(health(null, PrivateRoutes.NONE).observations()).extracting(IntegrationObservation::signal).containsExactly(
                Signal.FORBIDDEN_403, Signal.NOT_FOUND_404, Signal.RATE_LIMITED_429, Signal.UNAUTHORIZED_401,
                Signal.MISSING_COMPANY_ID, Signal.DEPRECATED_ENDPOINT, Signal.PRIVATE_ENDPOINT);
        assertThat(health(null, PrivateRoutes.NONE).observations()).allSatisfy(o -> {
            assertThat(o.state()).isEqualTo(State.HEALTHY);
            assertThat(o.count()).isZero();
            assertThat(o.calls()).isEqualTo(1);
        });
    }

    @Test
    void statesFollowTheDocumentedRules() {
        // 403: 1 of 100 calls today (WARNING), nothing else: isolated warning -> HEALTHY
        // 404: 10 of 100 calls six days ago (CRITICAL, not recent) -> REVIEW_RECOMMENDED
        // 429: 1 of 100 on three days (WARNING x3) -> REVIEW_RECOMMENDED
        // 401: 6 of 106 yesterday (at least 5%: CRITICAL, recent) -> NEEDS_ATTENTION
        for (int d = 0; d < 7; d++) {
            for (int i = 0; i < 100; i++) {
                activity.record(DAY - d, "101", projects, 200, false);
            }
        }
        activity.record(DAY, "101", project, 403, false);
        for (int i = 0; i < 10; i++) {
            activity.record(DAY - 6, "101", project, 404, false);
        }
        for (int d = 2; d <= 4; d++) {
            activity.record(DAY - d, "101", project, 429, false);
        }
        for (int i = 0; i < 6; i++) {
            activity.record(DAY - 1, "101", project, 401, false);
        }
        LiveIntegrationHealth health = health(null, PrivateRoutes.NONE);
        assertThat(observation(health, Signal.FORBIDDEN_403).state()).isEqualTo(State.HEALTHY);
        assertThat(observation(health, Signal.NOT_FOUND_404).state()).isEqualTo(State.REVIEW_RECOMMENDED);
        assertThat(observation(health, Signal.RATE_LIMITED_429).state()).isEqualTo(State.REVIEW_RECOMMENDED);
        assertThat(observation(health, Signal.UNAUTHORIZED_401).state()).isEqualTo(State.NEEDS_ATTENTION);
        assertThat(observation(health, Signal.UNAUTHORIZED_401).calls()).isEqualTo(700 + 1 + 10 + 3 + 6);
        assertThat(health.details().get(1).days()[HealthRules.WINDOW_DAYS - 7]).isEqualTo(HealthRules.Severity.CRITICAL);
    }

    @Test
    void recurringCriticalDaysNeedAttentionEvenWhenNotRecent() {
        HealthRules.Severity[] days = new HealthRules.Severity[HealthRules.WINDOW_DAYS];
        java.util.Arrays.fill(days, HealthRules.Severity.HEALTHY);
        days[0] = days[4] = HealthRules.Severity.CRITICAL;
        assertThat(HealthRules.state(days)).isEqualTo(State.REVIEW_RECOMMENDED);
        days[8] = HealthRules.Severity.CRITICAL;
        assertThat(HealthRules.state(days)).isEqualTo(State.NEEDS_ATTENTION);
        java.util.Arrays.fill(days, HealthRules.Severity.HEALTHY);
        days[13] = HealthRules.Severity.WARNING;
        days[12] = HealthRules.Severity.WARNING;
        assertThat(HealthRules.state(days)).isEqualTo(State.HEALTHY);
        days[HealthRules.WINDOW_DAYS - 3] = HealthRules.Severity.CRITICAL;
        assertThat(HealthRules.state(days)).isEqualTo(State.NEEDS_ATTENTION);
    }

    @Test
    void concurrentCountingLosesNothingAndManyDistinctRowsGrowTheDaysCounters() throws Exception {
        int threads = 4;
        int perThread = 20_000;
        List<ApiRoute> routes = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            routes.add(ApiRoutes.of("GET", "/rest/v1.0/grow/" + i, false));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    activity.record(DAY, "101", routes.get(i % routes.size()), (i / routes.size()) % 2 == 0 ? 404 : 200, false);
                }
            });
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        long total = activity.rows(null, DAY, DAY).stream().mapToLong(ActivityRow::count).sum();
        assertThat(total).isEqualTo((long) threads * perThread);
        assertThat(ActivityReport.lines(activity.rows(null, DAY, DAY))).hasSize(300);
        assertThat(activity.uncounted()).isZero();
    }

    @Test
    void companiesBeyondTheBoundCountTowardTheTotalsOnly() {
        for (int c = 0; c < ConnectionActivity.MAX_COMPANIES + 10; c++) {
            activity.record(DAY, Integer.toString(1000 + c), projects, 200, false);
        }
        assertThat(activity.rows(null, DAY, DAY).stream().mapToLong(ActivityRow::count).sum())
                .isEqualTo(ConnectionActivity.MAX_COMPANIES + 10);
        assertThat(activity.rows("1000", DAY, DAY)).hasSize(1);
        assertThat(activity.rows(Integer.toString(1000 + ConnectionActivity.MAX_COMPANIES + 5), DAY, DAY)).isEmpty();
    }

    @Test
    void aDayReplacesTheOneThirtyTwoDaysEarlierAndTotalsKeepItsCounts() {
        activity.record(DAY - 40, "101", projects, 200, false);
        activity.record(DAY - 40 + ActivityLedger.DAYS, "101", projects, 200, false);
        activity.record(DAY - 40, "101", projects, 200, false); // older than the ring: dropped
        assertThat(activity.rows(null, DAY - 50, DAY)).extracting(ActivityRow::day).containsExactly(DAY - 40 + ActivityLedger.DAYS);
        List<Long> totals = new ArrayList<>();
        activity.totals((method, route, status, count) -> totals.add(count));
        assertThat(totals).containsExactly(2L);
    }

    @Test
    void theDayOfACallComesFromTheNanoTimeItWasSentAt() {
        Clock wall = Clock.fixed(Instant.parse("2026-03-14T23:59:59.500Z"), ZoneOffset.UTC);
        ActivityClock days = new ActivityClock(wall);
        long now = System.nanoTime();
        assertThat(days.day(now)).isEqualTo(DAY);
        assertThat(days.day(now + 1_000_000_000L)).as("a second later is tomorrow").isEqualTo(DAY + 1);
        assertThat(days.day(now)).isEqualTo(DAY);
        assertThat(days.day(now - 86_400_000_000_000L)).isEqualTo(DAY - 1);
    }
}
