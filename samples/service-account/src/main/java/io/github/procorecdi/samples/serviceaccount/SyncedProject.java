package io.github.procorecdi.samples.serviceaccount;

import jakarta.json.bind.annotation.JsonbProperty;

/** A project as a sync action returns it: Procore's id and the origin id (our ERP's key) it was matched by. */
public record SyncedProject(long id, String name, @JsonbProperty("origin_id") String originId) {
}
