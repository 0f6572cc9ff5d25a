package io.github.procorecdi.it;

import java.util.List;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** An interface written for plain MicroProfile Rest Client, reused with {@code @ProcoreClient}. */
@RegisterRestClient(configKey = "annotated-api")
@RegisterProvider(TraceHeaderFilter.class)
@ClientHeaderParam(name = "X-App", value = "procore-cdi-tests")
@Path("/rest/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public interface AnnotatedApi {
    @GET
    @Path("/companies")
    List<Company> list();

    @GET
    @Path("/me")
    @ClientHeaderParam(name = "User-Agent", value = "my-integration/2.0")
    Me me();
}
