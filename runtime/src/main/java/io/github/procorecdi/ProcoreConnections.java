package io.github.procorecdi;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import io.github.procorecdi.config.ConfigKey;
import io.github.procorecdi.config.ConfigLookup;
import io.github.procorecdi.config.ConfigProblems;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.ConnectionConfigReader;
import io.github.procorecdi.config.MicroProfileConfigLookup;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.internal.ConnectionRuntime;
import io.github.procorecdi.internal.DefaultProcoreConnection;
import io.github.procorecdi.token.TokenStores;

/**
 * Procore connections for Java SE code without CDI (command-line tools, batch jobs, tests): the same configuration keys,
 * the same validation and the same engine as an injected {@link ProcoreConnection}.
 *
 * <pre>{@code
 * ProcoreConnection dmsa = ProcoreConnections.open("dmsa", Map.of(
 *         "grant-type", "client_credentials", "client-id", id, "client-secret", secret, "company-id", "101"));
 * try {
 *     List<Company> companies = dmsa.client(CompaniesApi.class).list();
 * } finally {
 *     ProcoreConnections.close(dmsa);
 * }
 * }</pre>
 * Token stores are {@code memory}, {@code file} and {@code jdbc} ({@code token-store.jdbc-url}); an application bean
 * cannot be named without CDI.
 */
public final class ProcoreConnections {
    private ProcoreConnections() {
    }

    /**
     * The connection {@code procore.<name>.*} of MicroProfile Config, with every problem reported at once.
     *
     * @throws ProcoreConfigurationException listing every problem, each naming its property
     */
    public static ProcoreConnection open(String name) {
        return open(name, MicroProfileConfigLookup.of(ConfigProvider.getConfig()));
    }

    /**
     * The same from explicit properties, keys without the {@code procore.<name>.} prefix ({@code "client-id"}, ...); a key
     * given with that prefix is taken as well.
     *
     * @throws ProcoreConfigurationException listing every problem, each naming its property
     */
    public static ProcoreConnection open(String name, Map<String, String> properties) {
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
        config.ifPresent(c -> TokenStores.problems(name, c.tokenStore()).forEach(problems::add));
        if (!problems.isEmpty() || config.isEmpty()) {
            throw new ProcoreConfigurationException(problems.list());
        }
        return DefaultProcoreConnection.of(new ConnectionRuntime(config.get(), ConnectionRuntime.Lookups.none(), Clock.systemUTC()));
    }

    /**
     * Closes what {@link #open} built: threads, pooled connections, timers. The connection (and every connection derived
     * from it by {@code forSubject} or {@code forCompany}) is unusable afterwards.
     *
     * @throws IllegalArgumentException if {@code connection} was not opened here
     */
    public static void close(ProcoreConnection connection) {
        if (!(connection instanceof DefaultProcoreConnection opened)) {
            throw new IllegalArgumentException("not a connection of ProcoreConnections.open: " + connection);
        }
        opened.runtime().close();
    }
}
