package io.github.procorecdi.samples.installedapp;

import java.util.List;

import io.github.procorecdi.ProcoreClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The calls this tool makes, as a plain MicroProfile Rest Client interface. */
@ProcoreClient
@Path("/rest/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public interface ProcoreApi {
    @GET
    @Path("/me")
    Me me();

    @GET
    @Path("/companies")
    List<Company> companies();
}
