package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.extension.ApplicationConnections;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

/**
 * Weld (CDI Full) runs the portable extension only: the build-compatible one, found through its
 * {@code META-INF/services} entry, is skipped ({@code @SkipIfPortableExtensionPresent}), so nothing is registered twice.
 */
class PortableExtensionOnlyTest {
    @Dependent
    public static class Uses {
        @Inject @ProcoreClient ProcoreConnection connection;
        @Inject @ProcoreClient CompaniesApi companies;
    }

    @Test
    void eachBeanIsRegisteredOnce() {
        try (WeldContainer c = WeldBoot.boot(Sim.dmsa("default"), Uses.class, CompaniesApi.class)) {
            BeanManager bm = c.getBeanManager();
            assertThat(bm.getBeans(ProcoreConnection.class, ProcoreClient.Literal.of("default"))).hasSize(1);
            assertThat(bm.getBeans(CompaniesApi.class, ProcoreClient.Literal.of("default"))).hasSize(1);
            assertThat(bm.getBeans(ApplicationConnections.class)).as("the build-compatible extension's beans").isEmpty();
            assertThat(c.select(Uses.class).get().companies.list()).isNotEmpty();
        }
    }
}
