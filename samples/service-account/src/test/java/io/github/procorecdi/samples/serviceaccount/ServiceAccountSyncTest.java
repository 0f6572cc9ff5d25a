package io.github.procorecdi.samples.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The sample's run command works with no configuration: it starts the simulator and lists what the service account sees. */
class ServiceAccountSyncTest {

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        ServiceAccountSync.stopSimulator();
    }

    private static String run(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            ServiceAccountSync.run(args); // the README command runs main: run, then stop the simulator
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void syncUpsertsTheCsvByOriginIdAndReportsTheRefusedRow() throws Exception {
        String printed = run("sync");
        assertThat(printed)
                .contains("Synced 7 rows into company 101: 6 projects created or updated, 1 refused")
                .contains("erp-1001 -> project ").contains("North Yard Warehouse")
                .contains("refused \"erp-1006\": {\"name\":[\"can't be blank\"]}");
    }

    @Test
    void uploadSendsAFileToAProjectAndWaitsUntilItIsAvailable() throws Exception {
        String printed = run("upload");
        assertThat(printed)
                .contains("bytes confirmed")
                .containsPattern("Uploaded daily-report.txt \\(\\d+ bytes, text/plain\\) to project 1001 as upload \\w+: available");
    }

    @Test
    void listsCompaniesAndProjectsOfTheSimulatorWithoutAnyConfiguration() throws Exception {
        String printed = run();
        assertThat(printed)
                .contains("using the Procore simulator")
                .contains("2 companies:")
                .contains("Simulated Builders Inc. (101): 3 projects")
                .contains("Large Scale Construction Co. (202): 250 projects")
                .contains("Done: 253 projects.")
                .doesNotContain("sim-dmsa-secret");
    }
}
