package io.github.procorecdi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;


/**
 * Bulk writes through Procore's sync actions, whatever the number of items:
 *
 * <pre>{@code
 * SyncResult<Project> result = ProcoreSync.inBatches(updates, projects::sync);
 * if (result.hasErrors()) { ... result.errors() ... }
 * }</pre>
 */
public final class ProcoreSync {
    private ProcoreSync() {
    }

    /**
     * Sends {@code updates} in batches of at most 1,000 ({@link SyncRequest#MAX_UPDATES}), in order, one call each,
     * and merges the answers: entities in the order of the batches, and every batch's errors.
     *
     * @param updates the items (each with {@code id} or {@code origin_id})
     * @param call    one sync call, e.g. {@code projects::sync}
     * @return the merged result (empty for no updates; no call is made)
     * @throws IllegalArgumentException when an item is {@code null}: every item is checked before the first batch is
     *                                  sent, so nothing was sent; the message names the item's index
     * @throws ProcoreException         when a batch fails: the run stops there, and the message says how many batches
     *                                  (and items) were already applied; the failure keeps its type and fields
     *                                  ({@link ProcoreApiException}, {@link ProcoreRateLimitException#resetAt()},
     *                                  {@link ProcoreAppNotConnectedException#companyId()},
     *                                  {@link ProcoreAuthorizationRequiredException} ...)
     */
    public static <T> SyncResult<T> inBatches(List<?> updates, Function<SyncRequest, SyncResult<T>> call) {
        Objects.requireNonNull(updates, "updates");
        Objects.requireNonNull(call, "call");
        requireNoNullItem(updates);
        int batches = (updates.size() + SyncRequest.MAX_UPDATES - 1) / SyncRequest.MAX_UPDATES;
        List<T> entities = new ArrayList<>();
        List<jakarta.json.JsonObject> errors = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            int from = b * SyncRequest.MAX_UPDATES;
            List<?> batch = updates.subList(from, Math.min(updates.size(), from + SyncRequest.MAX_UPDATES));
            SyncResult<T> answer;
            try {
                answer = call.apply(new SyncRequest(batch));
            } catch (ProcoreException e) {
                throw FailureContext.withContext(stoppedAt(b, batches, from), e);
            }
            if (answer != null) {
                entities.addAll(answer.entities());
                errors.addAll(answer.errors());
            }
        }
        return new SyncResult<>(entities, errors);
    }

    /** Every item, before anything is sent: a {@code null} found in batch 2 would leave batch 1 applied. */
    private static void requireNoNullItem(List<?> updates) {
        int i = 0;
        for (Object item : updates) {
            if (item == null) {
                throw new IllegalArgumentException("sync updates[" + i + "] is null (of " + updates.size()
                        + " items); nothing was sent: remove it or give it an id or origin_id");
            }
            i++;
        }
    }

    private static String stoppedAt(int batch, int batches, int applied) {
        return "sync batch " + (batch + 1) + " of " + batches + " failed; " + batch + " batch" + (batch == 1 ? "" : "es")
                + " (" + applied + " items) already applied, the rest not sent: ";
    }
}
