package io.github.procorecdi.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreConnections;
import io.github.procorecdi.simulator.SimClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Token stores on Quarkus: an application {@code @Named} bean, the jdbc store on the application's Agroal data sources
 * (by name, and the default one), and two applications sharing one table.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(FeatureConnectionsResource.class)
class TokenStoresTest {
    @Inject
    FeatureUses uses;
    @Inject
    AppTokenStore appStore;
    @Inject
    @io.quarkus.agroal.DataSource("tokens")
    DataSource tokens;
    @Inject
    DataSource defaultDataSource;

    @Test
    void aNamedTokenStoreBeanKeepsTheTokens() {
        assertThat(uses.named().list()).extracting(Company::id).contains(101L);
        assertThat(appStore.holds("named")).as("the token went to the @Named(\"appStore\") bean").isTrue();
        int saves = appStore.saves();
        int tokenRequests = SimulatorResource.sim().counters().tokenRequests();
        assertThat(uses.named().list()).isNotEmpty();
        assertThat(appStore.saves()).as("a second call reuses the stored token").isEqualTo(saves);
        assertThat(SimulatorResource.sim().counters().tokenRequests()).isEqualTo(tokenRequests);
    }

    @Test
    void theJdbcStoreUsesTheAgroalDataSourceNamedByTokenStoreDatasource() throws Exception {
        assertThat(uses.pooled().list()).extracting(Company::id).contains(101L);
        assertThat(storeKeys(tokens, "procore_tokens_quarkus_pooled")).as("rows of the data source named 'tokens'")
                .anySatisfy(k -> assertThat(k).startsWith("pooled@"));
    }

    @Test
    void theJdbcStoreUsesTheDefaultAgroalDataSourceWhenNoneIsNamed() throws Exception {
        assertThat(uses.pooledDefault().list()).extracting(Company::id).contains(101L);
        assertThat(storeKeys(defaultDataSource, "procore_tokens_quarkus_default")).as("rows of the default data source")
                .anySatisfy(k -> assertThat(k).startsWith("pooleddefault@"));
    }

    /**
     * Another application (a Java SE one here, with another service account's client id) uses the same connection name
     * and the same table as the Quarkus application: neither ever sees the other's tokens.
     */
    @Test
    void twoApplicationsSharingOneTableNeverSeeEachOthersTokens() throws Exception {
        SimulatorResource.sim().registerClient(new SimClient("sim-other-dmsa", "sim-other-secret", true));
        String quarkusToken = uses.pooledConnection().accessToken().value();
        Map<String, String> other = new TreeMap<>();
        other.put("grant-type", "client_credentials");
        other.put("client-id", "sim-other-dmsa");
        other.put("client-secret", "sim-other-secret");
        other.put("login-url", SimulatorResource.sim().loginUrl().toString());
        other.put("api-url", SimulatorResource.sim().apiUrl().toString());
        other.put("token-store", "jdbc");
        other.put("token-store.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test");
        other.put("token-store.username", "postgres");
        other.put("token-store.table", "procore_tokens_quarkus_pooled");
        ProcoreConnection otherApp = ProcoreConnections.open("pooled", other);
        try {
            String otherToken = otherApp.accessToken().value();
            assertThat(otherToken).as("the other application got its own token").isNotEqualTo(quarkusToken);
            assertThat(storeKeys(tokens, "procore_tokens_quarkus_pooled")).filteredOn(k -> k.startsWith("pooled@"))
                    .as("one row per application, under keys of their client ids").hasSize(2).doesNotHaveDuplicates();
            int tokenRequests = SimulatorResource.sim().counters().tokenRequests();
            assertThat(uses.pooledConnection().accessToken().value()).isEqualTo(quarkusToken);
            assertThat(otherApp.accessToken().value()).isEqualTo(otherToken);
            assertThat(SimulatorResource.sim().counters().tokenRequests()).as("each kept its own").isEqualTo(tokenRequests);
        } finally {
            ProcoreConnections.close(otherApp);
        }
    }

    private static List<String> storeKeys(DataSource ds, String table) throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("SELECT connection_name FROM " + table);
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                keys.add(r.getString(1));
            }
        }
        return keys;
    }
}
