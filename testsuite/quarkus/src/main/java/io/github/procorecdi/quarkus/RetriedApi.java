package io.github.procorecdi.quarkus;

import java.util.List;

import org.eclipse.microprofile.faulttolerance.Retry;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A client interface with the application's own {@code @Retry} on one method. */
@Path("/rest/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public interface RetriedApi {
    @GET
    @Path("/companies")
    @Retry(maxRetries = 2, delay = 0, jitter = 0)
    List<Company> retried();

    @GET
    @Path("/companies")
    List<Company> plain();
}
