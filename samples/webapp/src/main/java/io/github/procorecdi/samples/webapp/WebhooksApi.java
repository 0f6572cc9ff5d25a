package io.github.procorecdi.samples.webapp;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Procore's webhooks API: hooks and their triggers. */
@Path("/rest/v1.0/webhooks/hooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface WebhooksApi {
    @POST
    Map<String, Object> createHook(Map<String, Object> body);

    @POST
    @Path("/{hook}/triggers")
    Map<String, Object> createTrigger(@PathParam("hook") long hook, Map<String, Object> body);
}
