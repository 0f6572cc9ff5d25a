package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.github.procorecdi.ProcoreClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * {@code token-store.datasource} names a {@link DataSource} bean where JNDI has nothing bound to it (Java SE here; Quarkus'
 * Agroal data sources are such beans): the jdbc store uses it, and a name that is neither says so.
 */
class DataSourceBeanTest {
    private static final String TABLE = "procore_tokens_ds_bean";

    @Dependent
    public static class Uses {
        @Inject @ProcoreClient CompaniesApi companies;
    }

    /** The application's data source, as a bean named "tokens" (as Quarkus names the bean of quarkus.datasource.tokens). */
    @Dependent
    public static class DataSources {
        @Produces
        @ApplicationScoped
        @Named("tokens")
        DataSource tokens() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl("jdbc:postgresql://127.0.0.1:5432/test");
            ds.setUser("postgres");
            return ds;
        }
    }

    private static Map<String, String> config(String datasource) {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.put("procore.default.token-store", "jdbc");
        config.put("procore.default.token-store.datasource", datasource);
        config.put("procore.default.token-store.table", TABLE);
        return config;
    }

    @Test
    void theJdbcStoreUsesTheDataSourceBeanOfThatName() throws Exception {
        try (WeldContainer container = WeldBoot.boot(config("tokens"), Uses.class, DataSources.class, CompaniesApi.class)) {
            assertThat(container.select(Uses.class).get().companies.list()).isNotEmpty();
            assertThat(storeKeys()).anySatisfy(k -> assertThat(k).startsWith("default@"));
        }
    }

    @Test
    void aNameThatIsNeitherInJndiNorABeanFailsTheDeploymentNamingBoth() {
        assertThatThrownBy(() -> WeldBoot.boot(config("nosuch"), Uses.class, DataSources.class, CompaniesApi.class).close())
                .satisfies(e -> assertThat(ConfigValidationTest.describe(e)).contains("procore.default.token-store.datasource")
                        .contains("no data source is bound to 'nosuch' in JNDI").contains("no DataSource bean is @Named(\"nosuch\")"));
    }

    private static List<String> storeKeys() throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:5432/test");
        ds.setUser("postgres");
        List<String> keys = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("SELECT connection_name FROM " + TABLE);
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                keys.add(r.getString(1));
            }
        }
        return keys;
    }
}
