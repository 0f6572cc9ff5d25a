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

    public SyncRequest {
        updates = List.copyOf(updates);
    }
}
