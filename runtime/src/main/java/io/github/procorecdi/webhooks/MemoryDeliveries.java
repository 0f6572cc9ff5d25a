package io.github.procorecdi.webhooks;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deliveries remembered in this JVM: for {@link #WINDOW}, at most {@code maxKeys} (the oldest forgotten first), so
 * no sender can grow memory without bound. Webhook traffic is low next to API calls: one lock is enough.
 */
public final class MemoryDeliveries implements Deliveries {
    /** The default cap: 100,000 keys of about 100 bytes each. */
    public static final int MAX_KEYS = 100_000;
    private final Clock clock;
    private final int maxKeys;
    private final Map<String, long[]> keys = new LinkedHashMap<>(); // key -> {state (0 claimed, 1 accepted), until millis}

    public MemoryDeliveries(Clock clock, int maxKeys) {
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    @Override
    public synchronized Claim claim(String key) {
        long now = clock.millis();
        prune(now);
        long[] entry = keys.get(key);
        if (entry != null && entry[1] > now) {
            return entry[0] == 1 ? Claim.ACCEPTED : Claim.IN_PROGRESS;
        }
        keys.remove(key);
        keys.put(key, new long[] {0, now + CLAIM_LEASE.toMillis()});
        return Claim.CLAIMED;
    }

    @Override
    public synchronized void accepted(String key) {
        keys.remove(key);
        keys.put(key, new long[] {1, clock.millis() + WINDOW.toMillis()});
        prune(clock.millis());
    }

    @Override
    public synchronized void release(String key) {
        keys.remove(key);
    }

    synchronized int size() {
        return keys.size();
    }

    private void prune(long now) {
        Iterator<long[]> it = keys.values().iterator();
        while (it.hasNext()) {
            long[] e = it.next();
            if (keys.size() > maxKeys || e[1] <= now) {
                it.remove();
            } else if (e[0] == 1) {
                break; // accepted entries are in insertion order of their windows: the rest expire later
            }
        }
    }
}
