package io.github.procorecdi.quarkus;

import java.util.List;

import io.github.procorecdi.ProcoreData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** REST v2: the {@code {"data": ...}} envelope is unwrapped for payload types, kept for {@link ProcoreData}. */
@Path("/rest/v2.0/companies/{company}/projects")
@Produces(MediaType.APPLICATION_JSON)
public interface ProjectsV2Api {
    /** A v2 project: ids are strings. */
    record ProjectV2(String id, String name) {
    }

    @GET
    List<ProjectV2> list(@PathParam("company") long company);

    @GET
    @Path("/{id}")
    ProjectV2 one(@PathParam("company") long company, @PathParam("id") String id);

    @GET
    @Path("/{id}")
    ProcoreData<ProjectV2> envelope(@PathParam("company") long company, @PathParam("id") String id);
}
