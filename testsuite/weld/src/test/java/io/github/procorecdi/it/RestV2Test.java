package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreData;
import io.github.procorecdi.ProcorePages;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** REST v2: envelopes unwrapped for payload types, kept for ProcoreData, pages of either shape, v2 errors. */
class RestV2Test {

    /** A v2 project: ids are strings. */
    public static class ProjectV2 {
        public String id;
        public String name;
        public String company_id;
    }

    @Path("/rest/v2.0/companies/{company}/projects")
    @Produces(MediaType.APPLICATION_JSON)
    public interface ProjectsV2Api {
        @GET
        List<ProjectV2> list(@PathParam("company") long company);

        @GET
        @Path("/{id}")
        ProjectV2 one(@PathParam("company") long company, @PathParam("id") String id);

        @GET
        @Path("/{id}")
        ProcoreData<ProjectV2> envelope(@PathParam("company") long company, @PathParam("id") String id);

        @GET
        @Path("/{id}")
        CompletionStage<ProjectV2> later(@PathParam("company") long company, @PathParam("id") String id);

        @GET
        Response page(@PathParam("company") long company, @QueryParam("page") int page, @QueryParam("per_page") int perPage);
    }

    @Dependent
    public static class Uses {
        @Inject @ProcoreClient ProjectsV2Api v2;
    }

    @Test
    void envelopesAreUnwrappedForPayloadTypesAndKeptForProcoreData() throws Exception {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.put("procore.default.company-id", "202");
        try (WeldContainer c = WeldBoot.boot(config, Uses.class, ProjectsV2Api.class)) {
            ProjectsV2Api v2 = c.select(Uses.class).get().v2;
            List<ProjectV2> first = v2.list(202);
            assertThat(first).as("v2 default page size").hasSize(10);
            assertThat(first.get(0).id).isEqualTo("20001");
            assertThat(v2.one(202, "20001").name).isEqualTo("Tower Block 001");
            ProcoreData<ProjectV2> envelope = v2.envelope(202, "20002");
            assertThat(envelope.data().name).isEqualTo("Tower Block 002");
            assertThat(v2.later(202, "20003").toCompletableFuture().get(10, TimeUnit.SECONDS).name).isEqualTo("Tower Block 003");

            try (Stream<ProjectV2> all = ProcorePages.stream(ProjectV2.class, page -> v2.page(202, page, 100))) {
                List<String> names = all.map(p -> p.name).collect(Collectors.toList());
                assertThat(names).hasSize(250).startsWith("Tower Block 001").endsWith("Tower Block 250");
            }

            assertThatThrownBy(() -> v2.one(202, "999")).isInstanceOfSatisfying(ProcoreApiException.class, e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.errorCode()).isEqualTo("NOT_FOUND");
                assertThat(e.getMessage()).contains("Project 999 not found").contains("RECORD_NOT_FOUND");
            });
        }
    }
}
