package io.github.procorecdi.it;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Uses the connection's default Procore-Company-Id unless a call passes its own. */
@Path("/rest/v1.0/projects")
@Produces(MediaType.APPLICATION_JSON)
public interface ProjectsApi {
    @GET
    List<Project> list(@QueryParam("company_id") long companyId);

    @GET
    List<Project> list(@HeaderParam("Procore-Company-Id") String company, @QueryParam("company_id") long companyId);
}
