package io.github.procorecdi.docs;

import java.util.List;

import io.github.procorecdi.ProcoreClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** README.md and docs/getting-started.md: the client interface. */
@ProcoreClient
@Path("/rest/v1.0")
public interface CompaniesApi {
    @GET @Path("/companies") List<Company> list();
}
