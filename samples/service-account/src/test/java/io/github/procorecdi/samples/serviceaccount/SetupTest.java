package io.github.procorecdi.samples.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreConfigurationException;
import io.github.procorecdi.ProcoreRateLimitException;

/**
 * Issue 21 items 6 and 10: the sample says which PROCORE_DMSA_* variables it read, never sends a real secret to the
 * simulator, and prints its own concise error with a non-zero exit.
 */
class SetupTest {
    static final String REAL_SECRET = "d8f7a6b5c4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9";

    @Test
    void nothingSetMeansTheSimulator() {
        Setup.Decision d = Setup.decide(Map.of("PATH", "/bin", "HOME", "/root"), new Properties());
        assertThat(d.simulator()).isTrue();
        assertThat(d.problem()).isNull();
        assertThat(d.readLine()).contains("no PROCORE_DMSA_* variable");
    }

    @Test
    void aMisspelledVariableIsRefusedNamingItAndWhatWasRead() {
        Setup.Decision d = Setup.decide(Map.of("PROCORE_DMSA_CLIENTID", "my-id", "PROCORE_DMSA_CLIENT_SECRET", REAL_SECRET), new Properties());
        assertThat(d.simulator()).as("the real secret would go to the simulator").isFalse();
        assertThat(d.problem()).contains("PROCORE_DMSA_CLIENTID (did you mean PROCORE_DMSA_CLIENT_ID?)")
                .contains("also read PROCORE_DMSA_CLIENT_SECRET").contains("nothing was sent").doesNotContain(REAL_SECRET);
        Setup.Decision property = Setup.decide(Map.of(), props("procore.dmsa.cilent-secret", REAL_SECRET));
        assertThat(property.problem()).contains("procore.dmsa.cilent-secret (did you mean procore.dmsa.client-secret?)");
    }

    @Test
    void aSecretWithoutItsClientIdIsRefusedNotSentToTheSimulator() {
        Setup.Decision d = Setup.decide(Map.of("PROCORE_DMSA_CLIENT_SECRET", REAL_SECRET, "PROCORE_DMSA_COMPANY_ID", "42"), new Properties());
        assertThat(d.simulator()).isFalse();
        assertThat(d.problem()).contains("read PROCORE_DMSA_CLIENT_SECRET, PROCORE_DMSA_COMPANY_ID but not PROCORE_DMSA_CLIENT_ID")
                .contains("a real secret never goes to the simulator").doesNotContain(REAL_SECRET);
    }

    @Test
    void aCompleteConfigurationIsProcoreAndSaysWhatItRead() {
        Setup.Decision d = Setup.decide(Map.of("PROCORE_DMSA_CLIENT_ID", "id", "PROCORE_DMSA_CLIENT_SECRET", REAL_SECRET,
                "PROCORE_DMSA_ENVIRONMENT", "sandbox", "PROCORE_DMSA_TOKEN_STORE_PATH", "/tmp/t"), new Properties());
        assertThat(d.simulator()).isFalse();
        assertThat(d.problem()).isNull();
        assertThat(d.readLine()).isEqualTo("read PROCORE_DMSA_CLIENT_ID, PROCORE_DMSA_CLIENT_SECRET, PROCORE_DMSA_ENVIRONMENT, "
                + "PROCORE_DMSA_TOKEN_STORE_PATH");
    }

    @Test
    void anIncompleteRunIsOneLineAndExitTwoBeforeAnythingStarts() {
        System.setProperty("procore.dmsa.client-secret", REAL_SECRET);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = ServiceAccountSync.run(new String[] {"list"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(status).isEqualTo(2);
            assertThat(out.toString(StandardCharsets.UTF_8)).as("a line while it starts").startsWith("service-account sample: list");
            assertThat(err.toString(StandardCharsets.UTF_8)).hasLineCount(1).contains("configuration error")
                    .contains("procore.dmsa.client-secret").contains("PROCORE_DMSA_CLIENT_ID").doesNotContain(REAL_SECRET);
        } finally {
            System.clearProperty("procore.dmsa.client-secret");
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(ServiceAccountSync.run(new String[] {"lsit"}, new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).hasLineCount(1).contains("unknown command 'lsit'");
    }

    @Test
    void failuresAreOneConciseMessageWithoutAStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        RuntimeException deployment = new RuntimeException("WELD-001408 ...", new ProcoreConfigurationException(
                List.of("procore.dmsa.environment: 'nowhere' is not one of production, sandbox")));
        assertThat(Failures.report("service-account sample", deployment, e)).isEqualTo(2);
        assertThat(Failures.report("service-account sample", new IllegalStateException("wrapped",
                new ProcoreRateLimitException("Procore API answered 429", 429, "", Map.of(), null)), e)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("configuration error: procore-cdi configuration is invalid (1 problem):")
                .contains("procore.dmsa.environment: 'nowhere'").contains("service-account sample: failed: Procore API answered 429")
                .doesNotContain("WELD-001408").doesNotContain("\tat ");
    }

    static Properties props(String k, String v) {
        Properties p = new Properties();
        p.setProperty(k, v);
        return p;
    }
}
