package io.github.procorecdi.servers.app;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/rest/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public interface ProjectsApi {
    @GET
    @Path("/projects")
    List<Project> list(@QueryParam("company_id") long companyId);
}
