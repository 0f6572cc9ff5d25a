package io.github.procorecdi.files;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The API calls of Procore's unified upload flow (REST v2.1), as a client of the connection: each goes through its
 * token, company header, retries and pacing. Answers are the whole {@code {"data": ...}} envelope.
 */
@Path("/rest/v2.1/companies/{company}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface UploadsApi {
    @POST
    @Path("/uploads")
    JsonObject create(@PathParam("company") long company, JsonObject upload);

    @POST
    @Path("/projects/{project}/uploads")
    JsonObject create(@PathParam("company") long company, @PathParam("project") long project, JsonObject upload);

    @PATCH
    @Path("/uploads/{upload}")
    JsonObject complete(@PathParam("company") long company, @PathParam("upload") String upload, JsonObject etags);

    @PATCH
    @Path("/projects/{project}/uploads/{upload}")
    JsonObject complete(@PathParam("company") long company, @PathParam("project") long project, @PathParam("upload") String upload,
                        JsonObject etags);

    @GET
    @Path("/uploads/{upload}")
    JsonObject status(@PathParam("company") long company, @PathParam("upload") String upload);

    @GET
    @Path("/projects/{project}/uploads/{upload}")
    JsonObject status(@PathParam("company") long company, @PathParam("project") long project, @PathParam("upload") String upload);
}
