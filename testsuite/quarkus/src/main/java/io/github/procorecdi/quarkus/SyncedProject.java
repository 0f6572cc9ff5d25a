package io.github.procorecdi.quarkus;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A project as a sync action answers it (the REST client here reads JSON with Jackson). */
public record SyncedProject(long id, String name, @JsonProperty("origin_id") String originId) {
}
