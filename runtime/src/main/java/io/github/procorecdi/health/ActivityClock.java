package io.github.procorecdi.health;

import java.time.Clock;

/**
 * The UTC day of a call from the {@code System.nanoTime()} the caller already read, with no clock read of its own in
 * the common case: the current day's span in nanoseconds is kept, and only a time outside it (the next day, or a call
 * that began before the span) reads the wall clock again. The wall clock is thereby read about once a day; a step of it
 * within a day shows at the next day's start.
 */
public final class ActivityClock {
    static final long DAY_MILLIS = 86_400_000L;
    private static final long DAY_NANOS = DAY_MILLIS * 1_000_000L;

    private final Clock clock;
    private volatile Span span = new Span(Long.MIN_VALUE, 0, 0);

    private record Span(long day, long startNanos, long endNanos) {
    }

    public ActivityClock(Clock clock) {
        this.clock = clock;
    }

    /** @return the UTC epoch day at {@code nanos} (a {@link System#nanoTime()} of this JVM, not long past) */
    public long day(long nanos) {
        Span s = span;
        if (nanos - s.startNanos >= 0 && nanos - s.endNanos < 0) {
            return s.day;
        }
        return roll(nanos);
    }

    private long roll(long nanos) {
        long nowNanos = System.nanoTime();
        long at = clock.millis() - (nowNanos - nanos) / 1_000_000L;
        long day = Math.floorDiv(at, DAY_MILLIS);
        long startNanos = nanos - (at - day * DAY_MILLIS) * 1_000_000L;
        Span current = span;
        if (day >= current.day) {
            span = new Span(day, startNanos, startNanos + DAY_NANOS);
        }
        return day;
    }

    /** @return today's UTC epoch day by the wall clock */
    public long today() {
        return Math.floorDiv(clock.millis(), DAY_MILLIS);
    }

    /** @return the wall clock */
    public Clock clock() {
        return clock;
    }
}
