package io.github.procorecdi.health;

import io.github.procorecdi.IntegrationObservation.Signal;
import io.github.procorecdi.IntegrationObservation.State;

/**
 * procore-cdi's rules for Procore's states (Procore publishes none; docs/integration-health.md states these).
 *
 * <p>Each UTC day of the 14-day window gets a severity per observation. Error answers (401, 403, 404, 429): CRITICAL
 * when they are at least {@value #CRITICAL_PERCENT}% of the day's calls, WARNING when there are fewer, HEALTHY when there
 * are none. Compliance signals (missing {@code Procore-Company-Id}, deprecated and private endpoints): CRITICAL on any
 * day that has one, since Procore rejects or removes those calls.
 *
 * <p>The window rolls up to NEEDS_ATTENTION when a CRITICAL day is among the last {@value #RECENT_DAYS} (today and the
 * two days before), or CRITICAL days number {@value #RECURRING_DAYS} or more; else REVIEW_RECOMMENDED when there is
 * any CRITICAL day, or WARNING days number {@value #RECURRING_DAYS} or more; else HEALTHY (warnings isolated).
 */
public final class HealthRules {
    /** Days of the window, today included. */
    public static final int WINDOW_DAYS = 14;
    /** Error answers are critical on a day when they are at least this share of its calls. */
    public static final int CRITICAL_PERCENT = 5;
    /** A critical day this recent (today and the days before it) needs attention. */
    public static final int RECENT_DAYS = 3;
    /** This many critical days (or, for review, warning days) in the window are a recurring issue. */
    public static final int RECURRING_DAYS = 3;

    private HealthRules() {
    }

    /** A day's raw severity, as Procore's daily status shows it. */
    public enum Severity {
        HEALTHY, WARNING, CRITICAL
    }

    /** @return the severity of a day with {@code count} calls of {@code signal} among {@code calls} */
    public static Severity severity(Signal signal, long count, long calls) {
        if (count <= 0) {
            return Severity.HEALTHY;
        }
        return switch (signal) {
            case MISSING_COMPANY_ID, DEPRECATED_ENDPOINT, PRIVATE_ENDPOINT -> Severity.CRITICAL;
            default -> count * 100 >= calls * CRITICAL_PERCENT ? Severity.CRITICAL : Severity.WARNING;
        };
    }

    /** @param days the window's severities, oldest first, today last */
    public static State state(Severity[] days) {
        int critical = 0;
        int warning = 0;
        boolean recentCritical = false;
        for (int i = 0; i < days.length; i++) {
            if (days[i] == Severity.CRITICAL) {
                critical++;
                recentCritical |= i >= days.length - RECENT_DAYS;
            } else if (days[i] == Severity.WARNING) {
                warning++;
            }
        }
        if (recentCritical || critical >= RECURRING_DAYS) {
            return State.NEEDS_ATTENTION;
        }
        if (critical > 0 || warning >= RECURRING_DAYS) {
            return State.REVIEW_RECOMMENDED;
        }
        return State.HEALTHY;
    }
}
