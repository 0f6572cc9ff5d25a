package io.github.procorecdi.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The jdbc store on an Agroal data source never works inside the caller's transaction: a token renewed during a
 * {@code @Transactional} method that rolls back stays stored.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(FeatureConnectionsResource.class)
class TransactionalCallerTest {
    @Inject
    FeatureUses uses;
    @Inject
    TransactionalCaller caller;
    @Inject
    @io.quarkus.agroal.DataSource("tokens")
    DataSource tokens;

    @Test
    void aTokenRenewedInsideARolledBackTransactionStaysStored() throws Exception {
        String before = uses.pooledConnection().accessToken().value();
        SimulatorResource.sim().expireAccessTokens();
        assertThatThrownBy(() -> caller.runThenRollBack(() -> uses.pooled().list()))
                .isInstanceOf(TransactionalCaller.RolledBack.class);
        String renewed = uses.pooledConnection().accessToken().value();
        assertThat(renewed).as("the 401 renewed the token").isNotEqualTo(before);
        assertThat(storedTokens()).as("the renewed token is in the table despite the caller's rollback").contains(renewed);
    }

    private java.util.List<String> storedTokens() throws Exception {
        java.util.List<String> values = new java.util.ArrayList<>();
        try (Connection c = tokens.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT access_token FROM procore_tokens_quarkus_pooled WHERE connection_name LIKE 'pooled@%'");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
