package io.github.procorecdi.it;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Page-by-page listing (for ProcorePages) and a non-idempotent write. */
@Path("/rest/v1.0/projects")
@Produces(MediaType.APPLICATION_JSON)
public interface ProjectsPagesApi {

    record ProjectFields(String name) {
    }

    record NewProject(@JsonbProperty("company_id") long companyId, ProjectFields project) {
    }

    @GET
    Response page(@HeaderParam("Procore-Company-Id") long company, @QueryParam("company_id") long companyId,
                  @QueryParam("page") int page, @QueryParam("per_page") int perPage);

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Project create(@HeaderParam("Procore-Company-Id") long company, NewProject project);
}
