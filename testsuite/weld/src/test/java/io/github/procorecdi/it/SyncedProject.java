package io.github.procorecdi.it;

import jakarta.json.bind.annotation.JsonbProperty;

/** A project as a sync action returns it (64-bit id, the origin id it was matched by). */
public record SyncedProject(long id, String name, @JsonbProperty("origin_id") String originId) {
}
