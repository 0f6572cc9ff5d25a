package io.github.procorecdi.it;

import java.util.List;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import io.github.procorecdi.ProcoreRateLimitException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A client interface with the application's Fault Tolerance annotations on some methods. */
@Path("/rest/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public interface FaultTolerantApi {
    @GET
    @Path("/companies")
    @Retry(maxRetries = 2, delay = 10, jitter = 0)
    List<Company> retried();

    @GET
    @Path("/companies")
    List<Company> plain();

    @GET
    @Path("/companies")
    @Retry(maxRetries = 3, delay = 0, retryOn = ProcoreRateLimitException.class)
    List<Company> onlyRateLimits();

    @GET
    @Path("/companies")
    @Timeout(500)
    List<Company> bounded();

    @GET
    @Path("/companies")
    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 60_000)
    List<Company> guarded();
}
