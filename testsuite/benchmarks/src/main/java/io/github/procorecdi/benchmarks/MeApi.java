package io.github.procorecdi.benchmarks;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /rest/v1.0/me} of the local stub. */
@Path("/rest/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public interface MeApi {
    /** The signed-in user, as Procore answers it. */
    class Me {
        public long id;
        public String login;
        public String name;
    }

    @GET
    @Path("/me")
    Me me();
}
