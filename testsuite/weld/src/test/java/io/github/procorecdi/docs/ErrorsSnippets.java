package io.github.procorecdi.docs;

import java.util.stream.Stream;

import io.github.procorecdi.ProcorePages;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** docs/errors-and-rate-limits.md: a paged list read lazily. */
class ErrorsSnippets {
    interface Projects {
        @GET @Path("/rest/v1.0/projects")
        Response page(@QueryParam("company_id") long company, @QueryParam("page") int page,
                      @QueryParam("per_page") int perPage);
    }

    Projects projects;

    void onePage() {
        try (Stream<Project> all = ProcorePages.stream(Project.class, p -> projects.page(42, p, 100))) {
            all.forEach(this::sync);   // page 2 is requested only when page 1 is used up
        }
    }

    void sync(Project project) {
    }
}
