package io.github.procorecdi.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.client.RetryRules;
import io.github.procorecdi.config.ConfigLookup;
import io.github.procorecdi.config.ConfigProblems;
import io.github.procorecdi.config.ConnectionConfigReader;

/**
 * What the deployment wires for each connection is the connection's own holder, not a lambda around it: a cold boot
 * spins no lambda class per connection for the registry and the readiness checks (BootTimes' extension boot).
 */
class BootPathTest {
    @Test
    void theRegistryAndReadinessGetEachConnectionsHolderItself() {
        ConnectionConfigReader reader = new ConnectionConfigReader(ConfigLookup.of(Map.of(
                "procore.a.grant-type", "client_credentials", "procore.a.client-id", "id", "procore.a.client-secret", "secret")));
        ApplicationConnections app = ApplicationConnections.read(reader, Set.of("a"), Set.of("a"), new ConfigProblems(), null,
                RetryRules.CONFIGURED);

        assertThat(app.problems().isEmpty()).isTrue();
        assertThat(app.runtimes()).containsOnlyKeys("a");
        assertThat(app.runtimes().get("a")).isSameAs(app.holder("a"));
    }
}
