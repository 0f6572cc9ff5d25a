package io.github.procorecdi;

import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;

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
    private static volatile Implementation implementation;

    private ProcoreConnections() {
    }

    /**
     * The connection {@code procore.<name>.*} of MicroProfile Config, with every problem reported at once.
     *
     * @throws ProcoreConfigurationException listing every problem, each naming its property
     */
    public static ProcoreConnection open(String name) {
        return implementation().open(name);
    }

    /**
     * The same from explicit properties, keys without the {@code procore.<name>.} prefix ({@code "client-id"}, ...); a key
     * given with that prefix is taken as well.
     *
     * @throws ProcoreConfigurationException listing every problem, each naming its property
     */
    public static ProcoreConnection open(String name, Map<String, String> properties) {
        return implementation().open(name, properties);
    }

    /**
     * Closes what {@link #open} built: threads, pooled connections, timers. The connection (and every connection derived
     * from it by {@code forSubject} or {@code forCompany}) is unusable afterwards.
     *
     * @throws IllegalArgumentException if {@code connection} was not opened here
     */
    public static void close(ProcoreConnection connection) {
        implementation().close(connection);
    }

    /**
     * What the static methods above delegate to. Implemented by procore-cdi's runtime, not by applications: the runtime jar
     * names its implementation in {@code META-INF/services}, found through {@link ServiceLoader} with this class's own class
     * loader (the one that loaded procore-cdi, also in a server module or a Quarkus application).
     */
    public interface Implementation {
        /** @see ProcoreConnections#open(String) */
        ProcoreConnection open(String name);

        /** @see ProcoreConnections#open(String, Map) */
        ProcoreConnection open(String name, Map<String, String> properties);

        /** @see ProcoreConnections#close(ProcoreConnection) */
        void close(ProcoreConnection connection);
    }

    /** @return the runtime's implementation, looked up at first use (not cached while none is found) */
    private static Implementation implementation() {
        Implementation found = implementation;
        if (found == null) {
            Iterator<Implementation> loaded = ServiceLoader.load(Implementation.class, ProcoreConnections.class.getClassLoader())
                    .iterator();
            if (!loaded.hasNext()) {
                throw new ProcoreException("no " + Implementation.class.getName() + " on the class path: procore-cdi's runtime "
                        + "(io.github.procorecdi:procore-cdi-runtime) is missing or was repackaged without its META-INF/services");
            }
            found = loaded.next();
            implementation = found;
        }
        return found;
    }
}
