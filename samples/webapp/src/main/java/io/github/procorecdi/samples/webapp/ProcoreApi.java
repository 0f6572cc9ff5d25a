package io.github.procorecdi.samples.webapp;

import java.util.List;

import io.github.procorecdi.ProcoreClient;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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

    /**
     * One page of a company's projects; the answer's {@code Total} and {@code Link} headers say how many there
     * are and whether a next page exists. The company travels as {@code Procore-Company-Id}, as Procore requires.
     */
    @GET
    @Path("/projects")
    Response projectsPage(@HeaderParam("Procore-Company-Id") long companyHeader, @QueryParam("company_id") long companyId,
                          @QueryParam("page") int page, @QueryParam("per_page") int perPage);

    /** Creates a project: {@code {"company_id": ..., "project": {"name": ...}}}. */
    @POST
    @Path("/projects")
    @Consumes(MediaType.APPLICATION_JSON)
    Project createProject(@HeaderParam("Procore-Company-Id") long companyHeader, java.util.Map<String, Object> body);
}
