package io.github.procorecdi.samples.quarkus;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The part of Procore's REST API this sample uses: a plain MicroProfile Rest Client interface. */
@Path("/rest/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public interface ProcoreApi {
    /** A company the service account can reach. */
    record Company(long id, String name) {
    }

    /** A project of a company. */
    record Project(long id, String name) {
    }

    @GET
    @Path("/companies")
    List<Company> companies();

    /** The first page of a company's projects; Procore routes by the {@code Procore-Company-Id} header (forCompany). */
    @GET
    @Path("/projects")
    List<Project> projects(@QueryParam("company_id") long companyId, @QueryParam("per_page") int perPage);
}
