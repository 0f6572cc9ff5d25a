package io.github.procorecdi.docs;

import java.util.List;

import io.github.procorecdi.ProcoreData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** docs/rest-v2.md. */
@Path("/rest/v2.0/companies/{company}/projects")
public interface ProjectsV2 {
    @GET List<Project> list(@PathParam("company") long company);                      // data unwrapped
    @GET @Path("/{id}") Project one(@PathParam("company") long company, @PathParam("id") String id);
    @GET @Path("/{id}") ProcoreData<Project> envelope(@PathParam("company") long company, @PathParam("id") String id);
    @GET Response page(@PathParam("company") long company, @QueryParam("page") int page, @QueryParam("per_page") int perPage);
}
