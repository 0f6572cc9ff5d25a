package io.github.procorecdi;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

/**
 * The answer of a Procore sync action, {@code {"entities": [...], "errors": [...]}}. Procore answers 200 even
 * when items failed: each failed item is in {@link #errors()} (the attributes sent plus an {@code errors} member
 * with the reasons), so check {@link #hasErrors()}. Readable by JSON-B, so an interface method can return it:
 * {@code @PATCH @Path("/projects/sync") SyncResult<Project> sync(SyncRequest request);}
 *
 * @param <T> the entity type
 */
public class SyncResult<T> {
    private List<T> entities = new ArrayList<>();
    private List<JsonObject> errors = new ArrayList<>();

    /** An empty result (for JSON-B). */
    public SyncResult() {
    }

    /**
     * @param entities the records created or updated
     * @param errors   the items that failed
     */
    public SyncResult(List<T> entities, List<JsonObject> errors) {
        setEntities(entities);
        setErrors(errors);
    }

    /** @return the records created or updated, in the order sent */
    public List<T> getEntities() {
        return entities;
    }

    /** @param entities the records created or updated (JSON-B) */
    public void setEntities(List<T> entities) {
        this.entities = entities == null ? new ArrayList<>() : new ArrayList<>(entities);
    }

    /** @return the failed items */
    public List<JsonObject> getErrors() {
        return errors;
    }

    /** @param errors the failed items (JSON-B) */
    public void setErrors(List<JsonObject> errors) {
        this.errors = errors == null ? new ArrayList<>() : new ArrayList<>(errors);
    }

    /** @return the records created or updated, in the order sent */
    public List<T> entities() {
        return java.util.Collections.unmodifiableList(entities);
    }

    /** @return the items that failed, each with Procore's {@code errors} member */
    public List<JsonObject> errors() {
        return java.util.Collections.unmodifiableList(errors);
    }

    /** @return whether any item failed */
    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    @Override
    public String toString() {
        return "SyncResult[entities=" + entities.size() + ", errors=" + errors.size() + "]";
    }
}
