package io.github.procorecdi.it;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Routes named as the simulator (and Procore's reference) name them, so that the two activity reports compare. */
@Path("/rest/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public interface HealthApi {
    @GET
    @Path("/projects")
    List<Project> projects(@QueryParam("company_id") long companyId);

    @GET
    @Path("/projects/{id: \\d+}")
    Project project(@PathParam("id") long id);

    @GET
    @Path("/companies")
    List<Company> companies();

    @GET
    @Path("/me")
    Me me();

    /** Still called somewhere: the application marked it deprecated. */
    @Deprecated
    @GET
    @Path("/me")
    Me meTheOldWay();
}
