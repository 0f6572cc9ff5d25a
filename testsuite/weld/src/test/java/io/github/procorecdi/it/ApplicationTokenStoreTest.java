package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.servers.app.AppTokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** {@code token-store=<bean name>} selects an application bean implementing {@code TokenStore}. */
class ApplicationTokenStoreTest {

    @Named("notAStore")
    @ApplicationScoped
    public static class NotAStore {
    }

    @Dependent
    public static class Uses {
        @Inject @ProcoreClient CompaniesApi companies;
        @Inject @ProcoreClient ProcoreConnection connection;
    }

    @Test
    void tokensGoToTheNamedApplicationBean() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.put("procore.default.token-store", "appStore");
        try (WeldContainer c = WeldBoot.boot(config, Uses.class, AppTokenStore.class, CompaniesApi.class)) {
            Uses uses = c.select(Uses.class).get();
            assertThat(uses.companies.list()).hasSize(2);

            AppTokenStore store = c.select(AppTokenStore.class).get();
            assertThat(store.saves()).isEqualTo(1);
            assertThat(store.connections()).as("the store key names the connection and its client").singleElement()
                    .asString().startsWith("default@");
            String key = store.connections().iterator().next();
            assertThat(store.load(key, "service-account")).contains(uses.connection.accessToken());
            assertThat(store.load("default", "service-account")).as("nothing under the bare name").isEmpty();
        }
    }

    @Test
    void aNamedBeanThatIsNoTokenStoreFailsDeployment() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.put("procore.default.token-store", "notAStore");
        assertThatThrownBy(() -> WeldBoot.boot(config, Uses.class, NotAStore.class, CompaniesApi.class).close())
                .hasMessageContaining("procore.default.token-store")
                .hasMessageContaining("does not implement");
    }
}
