package io.github.procorecdi.samples.serviceaccount;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.SyncRequest;
import io.github.procorecdi.SyncResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Procore's project sync action: up to 1,000 creates or updates per call, matched by id or origin_id. */
@ProcoreClient("dmsa")
@Path("/rest/v1.0/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ProjectsSyncApi {
    @PATCH
    @Path("/sync")
    SyncResult<SyncedProject> sync(SyncRequest request);
}
