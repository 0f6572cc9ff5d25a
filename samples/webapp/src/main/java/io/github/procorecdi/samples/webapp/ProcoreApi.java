package io.github.procorecdi.samples.webapp;

import java.util.List;

import io.github.procorecdi.ProcoreClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The calls the sample makes: a plain MicroProfile Rest Client interface. */
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

    @GET
    @Path("/projects")
    List<Project> projects(@HeaderParam("Procore-Company-Id") long companyHeader, @QueryParam("company_id") long companyId,
                           @QueryParam("per_page") int perPage);
}
