package io.github.procorecdi.quarkus;

import io.github.procorecdi.SyncRequest;
import io.github.procorecdi.SyncResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Procore's project sync action, returning {@link SyncResult}. */
@Path("/rest/v1.0/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SyncApi {
    @PATCH
    @Path("/sync")
    SyncResult<SyncedProject> sync(SyncRequest request);
}
