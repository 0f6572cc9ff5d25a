package io.github.procorecdi.samples.serviceaccount;

import java.util.List;

import io.github.procorecdi.ProcoreClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The part of Procore's REST API this sample uses: a plain MicroProfile Rest Client interface. */
@ProcoreClient("dmsa")
@Path("/rest/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public interface ProcoreApi {

    @GET
    @Path("/companies")
    List<Company> companies();

    /** Procore routes by the {@code Procore-Company-Id} header; most endpoints require it. */
    @GET
    @Path("/projects")
    List<Project> projects(@HeaderParam("Procore-Company-Id") long companyHeader, @QueryParam("company_id") long companyId,
                           @QueryParam("per_page") int perPage);
}
