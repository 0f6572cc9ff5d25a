package io.github.procorecdi.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code GET /rest/v1.0/companies} answered as a {@link Response}: a test reads the headers Procore sent with it. */
@Path("/rest/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public interface CompanyAnswersApi {
    @GET
    @Path("/companies")
    Response companies();
}
