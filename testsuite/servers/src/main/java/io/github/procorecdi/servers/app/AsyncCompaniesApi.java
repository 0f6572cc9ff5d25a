package io.github.procorecdi.servers.app;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/rest/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public interface AsyncCompaniesApi {
    @GET
    @Path("/companies")
    CompletionStage<List<Company>> list();
}
