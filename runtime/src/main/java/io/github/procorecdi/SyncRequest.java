package io.github.procorecdi;

import java.util.List;

/**
 * The body of a Procore sync action ({@code PATCH .../sync}), JSON {@code {"updates": [...]}}: at most 1,000 items,
 * each matched by {@code id} (must exist) or {@code origin_id} (created when unknown). {@link ProcoreSync#inBatches}
 * splits longer lists.
 *
 * @param updates the items, serialized by JSON-B
 */
public record SyncRequest(List<?> updates) {
    /** Procore's limit of items per sync call. */
    public static final int MAX_UPDATES = 1_000;

    /**
     * Copies the items.
     *
     * @throws IllegalArgumentException when there are more than {@link #MAX_UPDATES} items (use {@link ProcoreSync#inBatches}), or
     *                                  one is {@code null} (its index named)
     */
    public SyncRequest {
        java.util.Objects.requireNonNull(updates, "updates");
        if (updates.size() > MAX_UPDATES) {
            throw new IllegalArgumentException("a sync request carries at most " + MAX_UPDATES + " items, not " + updates.size()
                    + ": send them with ProcoreSync.inBatches");
        }
        int i = 0;
        for (Object item : updates) {
            if (item == null) {
                throw new IllegalArgumentException("sync updates[" + i + "] is null (of " + updates.size() + " items)");
            }
            i++;
        }
        updates = List.copyOf(updates);
    }
}
