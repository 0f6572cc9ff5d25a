package io.github.procorecdi.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** CompletionStage methods: the same rules as synchronous ones. */
@Path("/rest/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public interface AsyncApi {
    @GET
    @Path("/companies")
    CompletionStage<List<Company>> companies();

    @GET
    @Path("/projects")
    CompletionStage<List<Project>> projects(@QueryParam("company_id") long companyId);

    @POST
    @Path("/projects")
    @Consumes(MediaType.APPLICATION_JSON)
    CompletionStage<Project> create(Map<String, Object> body);
}
