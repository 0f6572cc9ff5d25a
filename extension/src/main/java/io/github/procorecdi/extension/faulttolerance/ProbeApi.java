package io.github.procorecdi.extension.faulttolerance;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The client of the interception probe; its request never leaves the JVM (a filter answers it). */
@Path("/")
public interface ProbeApi {
    @GET
    @InterceptionProbe
    String probe();
}
