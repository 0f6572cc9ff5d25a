package io.github.procorecdi.docs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** docs/errors-and-rate-limits.md: a paged list, read through ProcorePages. */
public interface ProjectsApi {
    @GET @Path("/rest/v1.0/projects")
    Response page(@QueryParam("company_id") long company, @QueryParam("page") int page,
                  @QueryParam("per_page") int perPage);
}
