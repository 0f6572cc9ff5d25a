package io.github.procorecdi.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/** The last {@value #MAX} entries of one of the simulator's logs (requests a host received, token requests), oldest first. */
class Recent<T> {
    /** Entries kept. */
    static final int MAX = 2_000;
    private final ConcurrentLinkedDeque<T> entries = new ConcurrentLinkedDeque<>();

    void add(T entry) {
        entries.addLast(entry);
        while (entries.size() > MAX) {
            entries.pollFirst();
        }
    }

    /** @return the entries kept, oldest first */
    List<T> list() {
        return List.copyOf(new ArrayList<>(entries));
    }

    /** @return the last entry, or {@code null} */
    T last() {
        return entries.peekLast();
    }

    void clear() {
        entries.clear();
    }
}
