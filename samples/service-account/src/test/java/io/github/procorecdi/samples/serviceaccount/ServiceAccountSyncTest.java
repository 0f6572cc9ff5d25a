package io.github.procorecdi.samples.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The sample's run command works with no configuration: it starts the simulator and lists what the service account sees. */
class ServiceAccountSyncTest {

    @Test
    void listsCompaniesAndProjectsOfTheSimulatorWithoutAnyConfiguration() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            ServiceAccountSync.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("using the Procore simulator")
                .contains("2 companies:")
                .contains("Simulated Builders Inc. (101): 3 projects")
                .contains("Large Scale Construction Co. (202): 250 projects")
                .contains("Done: 253 projects.")
                .doesNotContain("sim-dmsa-secret");
    }
}
