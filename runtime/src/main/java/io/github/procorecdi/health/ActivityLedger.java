package io.github.procorecdi.health;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The API calls of one company (or of none) of a connection, counted per UTC day in a ring of {@link #DAYS} days: a
 * day's counters replace those of the day {@link #DAYS} days earlier. Counting is lock-free and allocates nothing once
 * the day's counters exist (one volatile read finds today's).
 */
final class ActivityLedger {
    /** Days kept: the report's 30 and a margin for the day that starts while a report is read. */
    static final int DAYS = 32;

    private final AtomicReferenceArray<DayCounters> days = new AtomicReferenceArray<>(DAYS);
    private volatile DayCounters latest;
    /** Calls that fitted nowhere (a day with more than 8,128 distinct rows): shown on the status page. */
    private final AtomicLong uncounted = new AtomicLong();
    private final DayCounters.KeyCounts retired;

    /** @param retired receives the counts of each day the ring drops (cumulative totals), or {@code null} */
    ActivityLedger(DayCounters.KeyCounts retired) {
        this.retired = retired;
    }

    void increment(long day, ApiRoute route, int status, int marks) {
        DayCounters counters = latest;
        if (counters == null || counters.day != day) {
            counters = counters(day);
            if (counters == null) {
                return; // older than the ring
            }
        }
        if (!counters.increment(ActivityKeys.key(route, status, marks))
                && !counters.increment(ActivityKeys.key(route.other(), status, marks))) {
            uncounted.incrementAndGet();
        }
    }

    private synchronized DayCounters counters(long day) {
        int slot = (int) Math.floorMod(day, (long) DAYS);
        DayCounters counters = days.get(slot);
        if (counters != null && counters.day == day) {
            return counters;
        }
        if (counters != null && counters.day > day) {
            return null;
        }
        DayCounters fresh = new DayCounters(day);
        days.set(slot, fresh);
        if (counters != null && retired != null) {
            counters.forEach(retired);
        }
        DayCounters current = latest;
        if (current == null || current.day <= day) {
            latest = fresh;
        }
        return fresh;
    }

    /** Hands the counted keys of the days {@code from} to {@code to} (inclusive) to {@code sink}, with their day. */
    void forEach(long from, long to, DayKeyCounts sink) {
        for (int slot = 0; slot < DAYS; slot++) {
            DayCounters counters = days.get(slot);
            if (counters != null && counters.day >= from && counters.day <= to) {
                long day = counters.day;
                counters.forEach((key, count) -> sink.accept(day, key, count));
            }
        }
    }

    long uncounted() {
        return uncounted.get();
    }

    /** Receives counted keys with their day. */
    @FunctionalInterface
    interface DayKeyCounts {
        void accept(long day, long key, long count);
    }
}
