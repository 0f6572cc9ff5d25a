package io.github.procorecdi.samples.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The sample as its README runs it: the packaged application ({@code target/quarkus-app/quarkus-run.jar}) in its own JVM
 * (with {@code -Pnative}: the native executable), against the simulator it starts in-process (here on a free port), listing
 * the companies and their projects.
 */
class CompanyListJobIT {
    @Test
    void thePackagedJobListsTheCompaniesAndTheirProjects() throws Exception {
        String nativeImage = System.getProperty("native.image.path"); // -Pnative
        List<String> command = nativeImage != null
                ? List.of(nativeImage, "-Dsample.simulator.port=" + freePort())
                : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dsample.simulator.port=" + freePort(), "-jar",
                        Path.of("target", "quarkus-app", "quarkus-run.jar").toString());
        Process job = new ProcessBuilder(command).redirectErrorStream(true).start();
        job.getOutputStream().close();
        byte[] out = job.getInputStream().readAllBytes();
        assertThat(job.waitFor(120, TimeUnit.SECONDS)).as("the job ends").isTrue();
        String output = new String(out, StandardCharsets.UTF_8);
        assertThat(job.exitValue()).as(output).isZero();
        assertThat(output).contains("quarkus sample: connection 'dmsa'").containsPattern("company 101 .*: \\[.+\\]");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
