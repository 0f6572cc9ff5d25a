package io.github.procorecdi.quarkus;

import java.util.List;

import io.github.procorecdi.ProcoreClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A plain MicroProfile Rest Client interface, as the Weld suite has it: no Quarkus annotation. */
@ProcoreClient
@Path("/rest/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public interface CompaniesApi {
    @GET
    @Path("/companies")
    List<Company> list();

    @GET
    @Path("/me")
    Me me();

    @GET
    @Path("/me")
    java.util.concurrent.CompletionStage<Me> meLater();
}
