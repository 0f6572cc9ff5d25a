package io.github.procorecdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The floor plan of the runtime (CONTRIBUTING.md, "Project layout"): its packages form a DAG, each using only those
 * below it; {@code internal} is the basement (helpers that use nothing of the project) and the API package uses nothing
 * but {@code internal}. Read from the compiled main classes ({@code -Dprocorecdi.classes=<dir>} reads another build's).
 */
class PackageDependenciesTest {
    private static final PackageGraph RUNTIME = PackageGraph.ofClasses(mainClasses());

    @Test
    void theRuntimesPackagesFormNoCycle() {
        assertThat(RUNTIME.packages()).as("packages read").contains(PackageGraph.API, "internal", "token", "client");
        assertThat(RUNTIME.cycles()).as("package cycles (package -> package: the classes responsible)").isEmpty();
    }

    @Test
    void internalUsesNothingOfTheProject() {
        assertThat(RUNTIME.uses("internal")).as("what io.github.procorecdi.internal uses of the project").isEmpty();
    }

    @Test
    void theApiPackageUsesOnlyInternal() {
        Map<String, Set<String>> above = new TreeMap<>(RUNTIME.uses(PackageGraph.API));
        above.remove("internal");
        assertThat(above).as("what the API package uses of the project besides internal").isEmpty();
    }

    @Test
    void aCycleIsReportedWithTheClassesOfEachArrow() {
        PackageGraph graph = new PackageGraph();
        graph.add("API", "internal", "ProcoreSync -> internal.Throwables");
        graph.add("internal", "API", "Throwables -> ProcoreException");
        graph.add("token", "internal", "TokenEndpoint -> internal.Json");
        graph.add("web", "token", "WebFlow -> token.TokenManager");
        graph.add("token", "telemetry", "TokenManager -> telemetry.Metrics");
        graph.add("telemetry", "web", "Metrics -> web.StatusPages");

        assertThat(graph.cycles()).hasSize(2).anySatisfy(c -> assertThat(c)
                .contains("ProcoreSync -> internal.Throwables", "Throwables -> ProcoreException")
                .containsAnyOf("API -> internal -> API", "internal -> API -> internal"))
                .anySatisfy(c -> assertThat(c).contains("token", "telemetry", "web", "WebFlow -> token.TokenManager",
                        "TokenManager -> telemetry.Metrics", "Metrics -> web.StatusPages").doesNotContain("internal"));
    }

    @Test
    void aDagHasNoCycle() {
        PackageGraph graph = new PackageGraph();
        graph.add("API", "internal", "ProcoreSync -> internal.Throwables");
        graph.add("token", "API", "TokenManager -> TokenStore");
        graph.add("token", "internal", "TokenEndpoint -> internal.Json");
        graph.add("connection", "token", "ConnectionRuntime -> token.TokenManager");
        graph.add("connection", "API", "ConnectionRuntime -> TokenStore");

        assertThat(graph.cycles()).isEmpty();
    }

    private static Path mainClasses() {
        String other = System.getProperty("procorecdi.classes");
        if (other != null) {
            return Path.of(other);
        }
        try {
            return Path.of(ProcoreConnections.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
