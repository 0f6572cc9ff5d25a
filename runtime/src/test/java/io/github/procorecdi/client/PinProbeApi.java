package io.github.procorecdi.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A client interface the class-loader tests load in a class loader of their own (as an application's would be). */
@Path("/rest/v1.0")
public interface PinProbeApi {
    @GET
    @Path("/probe")
    String get();

    @GET
    @Path("/refused")
    String refused();
}
