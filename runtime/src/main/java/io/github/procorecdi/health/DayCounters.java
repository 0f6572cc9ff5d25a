package io.github.procorecdi.health;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The counters of one UTC day: a lock-free open-addressing table of (key, count) pairs in segments of growing size (64,
 * 128, ... 4096 slots, 8128 keys at most). Counting allocates nothing: a key's slot is claimed with one compare-and-set
 * and its count incremented in place; a new segment is created (under a lock, once) only when the earlier ones have no
 * room near the key's slot. Two threads may claim the same key in two segments: readers add up every slot, so counts
 * stay exact.
 */
final class DayCounters {
    private static final int FIRST = 64;
    private static final int SEGMENTS = 7;
    private static final int PROBES = 8;

    final long day;
    private final AtomicReferenceArray<Segment> segments = new AtomicReferenceArray<>(SEGMENTS);

    DayCounters(long day) {
        this.day = day;
        segments.set(0, new Segment(FIRST));
    }

    /** @return whether {@code key} (non-zero) was counted; {@code false} when every segment is full near it */
    boolean increment(long key) {
        for (int s = 0; s < SEGMENTS; s++) {
            Segment segment = segments.get(s);
            if (segment == null) {
                segment = grow(s);
            }
            if (segment.increment(key)) {
                return true;
            }
        }
        return false;
    }

    private synchronized Segment grow(int s) {
        Segment segment = segments.get(s);
        if (segment == null) {
            segment = new Segment(FIRST << s);
            segments.set(s, segment);
        }
        return segment;
    }

    /** Hands every counted key and its count to {@code sink} (a key may come more than once: add them up). */
    void forEach(KeyCounts sink) {
        for (int s = 0; s < SEGMENTS; s++) {
            Segment segment = segments.get(s);
            if (segment == null) {
                return;
            }
            for (int i = 0; i < segment.keys.length(); i++) {
                long key = segment.keys.get(i);
                long count = key == 0 ? 0 : segment.counts.get(i);
                if (count > 0) {
                    sink.accept(key, count);
                }
            }
        }
    }

    /** Receives counted keys. */
    @FunctionalInterface
    interface KeyCounts {
        void accept(long key, long count);
    }

    private static final class Segment {
        final AtomicLongArray keys;
        final AtomicLongArray counts;
        final int mask;

        Segment(int size) {
            keys = new AtomicLongArray(size);
            counts = new AtomicLongArray(size);
            mask = size - 1;
        }

        boolean increment(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            int i = (int) (h ^ (h >>> 32)) & mask;
            for (int n = 0; n < PROBES; n++, i = (i + 1) & mask) {
                long k = keys.get(i);
                if (k == 0 && (keys.compareAndSet(i, 0, key) || keys.get(i) == key)) {
                    k = key;
                }
                if (k == key) {
                    counts.getAndIncrement(i);
                    return true;
                }
            }
            return false;
        }
    }
}
