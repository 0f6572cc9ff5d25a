package io.github.procorecdi.extension.lite;

import java.util.Set;

import org.eclipse.microprofile.health.HealthCheck;

import io.github.procorecdi.extension.ApplicationConnections;
import io.github.procorecdi.extension.health.ReadinessChecks;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;

/**
 * One MicroProfile Health readiness check per connection, named {@code procore-cdi:<name>}, as the portable extension
 * registers them. Loaded only where the Health API is visible (the extension checks first).
 */
final class Readiness {
    private Readiness() {
    }

    static void register(SyntheticComponents synthetic, Set<String> names) {
        for (String name : names) {
            synthetic.addBean(HealthCheck.class)
                    .type(HealthCheck.class)
                    .qualifier(org.eclipse.microprofile.health.Readiness.Literal.INSTANCE)
                    // also tells the checks apart: ArC identifies a synthetic bean by its types and qualifiers
                    .qualifier(io.github.procorecdi.ProcoreClient.Literal.of(name))
                    .scope(Dependent.class)
                    // named: the health reporter looks checks up programmatically, and an unnamed bean nothing injects
                    // may be removed
                    .name("procore-cdi.readiness." + name)
                    .withParam(ProcoreBuildCompatibleExtension.NAME, name)
                    .createWith(Check.class);
        }
    }

    /** Creates the check of one connection. */
    public static final class Check implements SyntheticBeanCreator<HealthCheck> {
        @Override
        public HealthCheck create(Instance<Object> lookup, Parameters params) {
            String name = params.get(ProcoreBuildCompatibleExtension.NAME, String.class);
            ApplicationConnections connections = lookup.select(ApplicationConnections.class).get();
            return ReadinessChecks.of(name, () -> connections.runtime(name), Thread.currentThread().getContextClassLoader());
        }
    }
}
