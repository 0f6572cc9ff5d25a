package io.github.procorecdi.connection;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import io.github.procorecdi.ProcoreConfigurationException;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreConnections;
import io.github.procorecdi.config.ConfigKey;
import io.github.procorecdi.config.ConfigLookup;
import io.github.procorecdi.config.ConfigProblems;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.ConnectionConfigReader;
import io.github.procorecdi.config.MicroProfileConfigLookup;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.store.jdbc.JdbcStores;

/**
 * What {@link ProcoreConnections} delegates to (named in this jar's {@code META-INF/services}): reads and validates the
 * connection's properties like the extension does at deployment, and builds its runtime without a container.
 */
public final class JavaSeConnections implements ProcoreConnections.Implementation {
    @Override
    public ProcoreConnection open(String name) {
        return open(name, MicroProfileConfigLookup.of(ConfigProvider.getConfig()));
    }

    @Override
    public ProcoreConnection open(String name, Map<String, String> properties) {
        String prefix = "procore." + name + ".";
        Map<String, String> full = new HashMap<>();
        properties.forEach((key, value) -> full.put(key.startsWith(prefix) ? key : prefix + key, value));
        return open(name, ConfigLookup.of(full));
    }

    private static ProcoreConnection open(String name, ConfigLookup properties) {
        ConfigProblems problems = new ConfigProblems();
        ConnectionConfigReader reader = new ConnectionConfigReader(properties);
        Optional<ConnectionConfig> config = reader.read(name, problems);
        String store = reader.tokenStoreKind(name);
        if (TokenStoreConfig.isBean(store)) {
            problems.add(ConfigKey.TOKEN_STORE.of(name), "'" + store + "' is neither memory, file nor jdbc (an application bean "
                    + "can be named only where CDI runs)");
        }
        config.ifPresent(c -> JdbcStores.problems(name, c.tokenStore()).forEach(problems::add));
        if (!problems.isEmpty() || config.isEmpty()) {
            throw new ProcoreConfigurationException(problems.list());
        }
        return DefaultProcoreConnection.of(new ConnectionRuntime(config.get(), ContainerServices.NONE, Clock.systemUTC()));
    }

    @Override
    public void close(ProcoreConnection connection) {
        if (!(connection instanceof DefaultProcoreConnection opened)) {
            throw new IllegalArgumentException("not a connection of ProcoreConnections.open: " + connection);
        }
        opened.runtime().close();
    }
}
