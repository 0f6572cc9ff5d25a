package io.github.procorecdi.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.procorecdi.quarkus.broken.BrokenUses;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A connection whose configuration is wrong fails the Quarkus build (the build-compatible extension's validation),
 * with every problem named by its property, as the portable extension fails a deployment.
 */
class ConfigurationErrorTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BrokenUses.class, CompaniesApi.class, Company.class, Me.class))
            .overrideConfigKey("quarkus.arc.exclude-types", "")
            // quarkus-agroal is in this module: no dev services for a default data source the failing build never uses
            .overrideConfigKey("quarkus.devservices.enabled", "false")
            .overrideConfigKey("procore.broken.grant-type", "password")
            .overrideConfigKey("procore.broken.client-secret", "not-a-real-secret-1234")
            .overrideConfigKey("procore.broken.api-url", "http://procore.example.com")
            .assertException(failure -> {
                String all = messages(failure);
                assertThat(all).contains("procore.broken.client-id", "procore.broken.grant-type", "procore.broken.api-url",
                        "procore.unconfigured.client-id");
                assertThat(all).doesNotContain("not-a-real-secret-1234");
            });

    @Test
    void theBuildFails() {
        fail("the application must not start");
    }

    private static String messages(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
            for (Throwable s : t.getSuppressed()) {
                sb.append(s.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }
}
