package io.github.procorecdi.extension;

import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.client.ClientScope;
import io.github.procorecdi.connection.ConnectionRegistry;
import io.github.procorecdi.connection.WebApplication;
import io.github.procorecdi.connection.DefaultProcoreConnection;
import jakarta.enterprise.context.spi.CreationalContext;

/**
 * Makes and disposes of the instances of the portable extension's synthetic beans: a connection's
 * {@code ProcoreConnection}, a REST client of one interface, the registry. One named class in place of a lambda per
 * bean: a cold boot spins no lambda class for them (each costs the JVM a generated class at first link).
 */
final class BeanInstances implements Function<CreationalContext<Object>, Object>, BiConsumer<Object, CreationalContext<Object>> {
    private static final Logger LOG = Logger.getLogger(BeanInstances.class.getName());

    private final ConnectionHolder holder;
    private final Class<?> api;
    /** The instance of a singleton bean made before discovery ended (the registry, the web flag), else null. */
    private final Object singleton;

    private BeanInstances(ConnectionHolder holder, Class<?> api, Object singleton) {
        this.holder = holder;
        this.api = api;
        this.singleton = singleton;
    }

    /** @return the creator of a connection's {@code ProcoreConnection} (its runtime is built at first use) */
    static BeanInstances connection(ConnectionHolder holder) {
        return new BeanInstances(holder, null, null);
    }

    /** @return the creator and destroyer of a connection's REST client of {@code api} */
    static BeanInstances client(ConnectionHolder holder, Class<?> api) {
        return new BeanInstances(holder, api, null);
    }

    /** @return the creator of the registry bean's instance */
    static BeanInstances registry(ConnectionRegistry registry) {
        return new BeanInstances(null, null, registry);
    }

    /** @return the creator of the application's web flag bean */
    static BeanInstances webApplication(WebApplication web) {
        return new BeanInstances(null, null, web);
    }

    @Override
    public Object apply(CreationalContext<Object> context) {
        if (singleton != null) {
            return singleton;
        }
        if (api == null) {
            return DefaultProcoreConnection.of(holder.runtime());
        }
        return holder.runtime().clients().build(api, ClientScope.NONE);
    }

    /** Closes a client instance. */
    @Override
    public void accept(Object instance, CreationalContext<Object> context) {
        if (instance instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a Procore client failed: {0}", e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "BeanInstances[" + (singleton != null ? singleton.getClass().getSimpleName() : api == null ? "connection" : api.getName()) + "]";
    }
}
