package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.TokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** {@code token-store=<bean name>} selects an application bean implementing {@link TokenStore}. */
class ApplicationTokenStoreTest {

    @ApplicationScoped
    @Named("appStore")
    public static class AppStore implements TokenStore {
        final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
        final List<String> saves = new CopyOnWriteArrayList<>();

        public List<String> saves() {
            return List.copyOf(saves);
        }

        @Override
        public Optional<AccessToken> load(String connection, String subject) {
            return Optional.ofNullable(tokens.get(connection + "/" + subject));
        }

        @Override
        public void save(String connection, String subject, AccessToken token) {
            saves.add(connection + "/" + subject);
            tokens.put(connection + "/" + subject, token);
        }

        @Override
        public boolean replace(String connection, String subject, AccessToken expected, AccessToken replacement) {
            String key = connection + "/" + subject;
            return replacement == null ? tokens.remove(key, expected) : tokens.replace(key, expected, replacement);
        }

        @Override
        public void remove(String connection, String subject) {
            tokens.remove(connection + "/" + subject);
        }
    }

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
        try (WeldContainer c = WeldBoot.boot(config, Uses.class, AppStore.class, CompaniesApi.class)) {
            Uses uses = c.select(Uses.class).get();
            assertThat(uses.companies.list()).hasSize(2);

            AppStore store = c.select(AppStore.class).get();
            assertThat(store.saves()).containsExactly("default/service-account");
            assertThat(store.load("default", "service-account")).contains(uses.connection.accessToken());
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
