package io.github.procorecdi.simulator;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;

import jakarta.json.Json;

/** The unified upload flow's API side (REST v2.1): create, complete (PATCH the ETags), status. */
final class UploadsApi {
    /** {@code /rest/v2.1/companies/{company}[/projects/{project}]/uploads[/{upload}]} */
    static final java.util.regex.Pattern PATH = java.util.regex.Pattern.compile(
            "/rest/v2\\.1/companies/([^/]+)(?:/projects/([^/]+))?/uploads(?:/([^/]+))?");
    private final ProcoreSimulator sim;
    private final ApiHandler api;

    UploadsApi(ProcoreSimulator sim, ApiHandler api) {
        this.sim = sim;
        this.api = api;
    }

    /** The unified upload flow's API side (REST v2.1): create, complete (PATCH the ETags), status. */
    int serve(HttpExchange exchange, String method, SimUser user, String companyPart, String projectPart, String uploadId)
            throws IOException {
        int refused = api.v2CompanyRefused(exchange, companyPart, user);
        if (refused != 0) {
            return refused;
        }
        long companyId = ApiHandler.parseLong(companyPart);
        Long projectId = projectPart == null ? null : ApiHandler.parseLong(projectPart);
        if (projectPart != null && (projectId == null || sim.data().project(companyId, projectId) == null)) {
            return api.respond(exchange, 404, ApiHandler.v2Error("NOT_FOUND", "Project " + projectPart + " not found"));
        }
        SimUploads uploads = sim.uploadState();
        if (uploadId == null) {
            if (!method.equals("POST")) {
                return api.respond(exchange, 405, ApiHandler.v2Error("METHOD_NOT_ALLOWED", "POST creates an upload"));
            }
            Object created = uploads.create(companyId, projectId, ApiHandler.readJson(exchange));
            if (created instanceof String problem) {
                return api.respond(exchange, 422, ApiHandler.v2Error("VALIDATION_ERROR", problem));
            }
            return api.respond(exchange, 201, Json.createObjectBuilder()
                    .add("data", uploads.json((SimUploads.Upload) created, sim.storageUrl().toString(), true)).build());
        }
        SimUploads.Upload u = uploads.get(uploadId);
        if (u == null || u.companyId != companyId || !java.util.Objects.equals(u.projectId, projectId)) {
            return api.respond(exchange, 404, ApiHandler.v2Error("NOT_FOUND", "Upload " + uploadId + " not found"));
        }
        if (method.equals("PATCH")) {
            String problem = uploads.complete(u, ApiHandler.readJson(exchange));
            if (problem != null) {
                return api.respond(exchange, 422, ApiHandler.v2Error("VALIDATION_ERROR", problem));
            }
        } else if (!method.equals("GET")) {
            return api.respond(exchange, 405, ApiHandler.v2Error("METHOD_NOT_ALLOWED", "GET or PATCH an upload"));
        }
        return api.respond(exchange, 200, Json.createObjectBuilder().add("data", uploads.json(u, sim.storageUrl().toString(), false)).build());
    }
}
