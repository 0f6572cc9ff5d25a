package io.github.procorecdi.samples.serviceaccount;

import java.util.List;

import io.github.procorecdi.ProcoreClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The part of Procore's REST API this sample uses: a plain MicroProfile Rest Client interface. */
@ProcoreClient("dmsa")
@Path("/rest/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public interface ProcoreApi {

    @GET
    @Path("/companies")
    List<Company> companies();

    /**
     * One page of a company's projects. Procore routes by the {@code Procore-Company-Id} header, which a client
     * from {@code connection.forCompany(id)} sends; {@code ProcorePages} follows the {@code Link} headers.
     */
    @GET
    @Path("/projects")
    Response projects(@QueryParam("company_id") long companyId, @QueryParam("page") int page, @QueryParam("per_page") int perPage);
}
