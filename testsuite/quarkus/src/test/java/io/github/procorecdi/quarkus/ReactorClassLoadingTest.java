package io.github.procorecdi.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.procorecdi.simulator.ProcoreSimulator;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;

/**
 * An application that starts under QuarkusUnitTest's class loading, which is dev mode's ({@code quarkus:dev}): procore-cdi
 * comes from this Maven reactor (a workspace module, loaded by the reloadable class loader), not from a jar. The
 * start-up check is a synthetic observer and the beans have synthetic creators; ArC must generate their classes in the
 * class loader that sees procore-cdi's classes (it once failed here with {@code IncompatibleClassChangeError:
 * Creators$CheckAtStartup does not implement ... SyntheticObserver}).
 */
class ReactorClassLoadingTest {
    static final ProcoreSimulator SIM = ProcoreSimulator.start();

    @RegisterExtension
    static final QuarkusUnitTest APP = withSimulator(new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ReactorClassLoadingTest.class, ProcoreUses.class, CompaniesApi.class, Company.class, Me.class, ProjectsV2Api.class))
            .withConfigurationResource("application.properties"));

    @Inject
    ProcoreUses uses;

    @Test
    void theApplicationStartsAndItsInjectedClientsCall() {
        assertThat(uses.companies().list()).extracting(Company::id).contains(101L);
        assertThat(uses.x().forCompany(101).client(CompaniesApi.class).me().login()).isNotBlank();
    }

    private static QuarkusUnitTest withSimulator(QuarkusUnitTest app) {
        for (String name : new String[] {"default", "x", "stored"}) {
            app.overrideConfigKey("procore." + name + ".login-url", SIM.loginUrl().toString());
            app.overrideConfigKey("procore." + name + ".api-url", SIM.apiUrl().toString());
        }
        // the application's AppTokenStore bean is not in this archive
        app.overrideConfigKey("procore.named.token-store", "memory");
        return app;
    }
}
