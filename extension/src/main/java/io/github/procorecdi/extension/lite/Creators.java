package io.github.procorecdi.extension.lite;

import java.util.Set;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.ConfigProvider;

import io.github.procorecdi.ProcoreConfigurationException;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.client.ClientScope;
import io.github.procorecdi.client.RetryRules;
import io.github.procorecdi.config.ConfigProblems;
import io.github.procorecdi.config.ConnectionConfigReader;
import io.github.procorecdi.config.MicroProfileConfigLookup;
import io.github.procorecdi.extension.ApplicationConnections;
import io.github.procorecdi.connection.ConnectionRegistry;
import io.github.procorecdi.connection.WebApplication;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanDisposer;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticObserver;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.EventContext;

/**
 * What the build-compatible extension's beans do at run time. A CDI Lite container hands them only their parameters
 * (connection names, interfaces) and {@code Instance<Object>}: everything else is found through the one
 * {@link ApplicationConnections} bean, read from the run-time configuration.
 */
public final class Creators {
    private static final Logger LOG = Logger.getLogger(Creators.class.getName());

    private Creators() {
    }

    /** The application's connections, read from the run-time configuration and checked: fails with every problem. */
    public static final class Connections implements SyntheticBeanCreator<ApplicationConnections> {
        @Override
        public ApplicationConnections create(Instance<Object> lookup, Parameters params) {
            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
            ConnectionConfigReader reader = new ConnectionConfigReader(MicroProfileConfigLookup.of(
                    tccl != null ? ConfigProvider.getConfig(tccl) : ConfigProvider.getConfig()));
            ApplicationConnections app = ApplicationConnections.read(reader,
                    Set.of(params.get(ProcoreBuildCompatibleExtension.INJECTED, String[].class)),
                    Set.of(params.get(ProcoreBuildCompatibleExtension.USED, String[].class)),
                    new ConfigProblems(), CDI.current().getBeanContainer(), retryRules(), lookup.select(WebApplication.class).get());
            app.checkTokenStores();
            if (!app.problems().isEmpty()) {
                throw new ProcoreConfigurationException(app.problems().list());
            }
            app.logReady();
            return app;
        }
    }

    /**
     * @return the application's Fault Tolerance annotations on client interfaces, applied once, where the Fault Tolerance
     *         API is visible (as the portable extension does; the probe then finds that Quarkus' REST client applies no
     *         interceptor to a client built by {@code RestClientBuilder}), else the connections' {@code max-retries}
     */
    static RetryRules retryRules() {
        return ProcoreBuildCompatibleExtension.visible(io.github.procorecdi.extension.faulttolerance.FaultToleranceRetryRules.API)
                ? new io.github.procorecdi.extension.faulttolerance.FaultToleranceRetryRules() : RetryRules.CONFIGURED;
    }

    /** Closes the connections' runtimes when the application stops. */
    public static final class CloseConnections implements SyntheticBeanDisposer<ApplicationConnections> {
        @Override
        public void dispose(ApplicationConnections instance, Instance<Object> lookup, Parameters params) {
            instance.close();
        }
    }

    /**
     * The application's web flag, its own bean so that procore-cdi's servlet initializer can mark it without creating the
     * connections (Quarkus starts the servlet container before it reads the run-time configuration).
     */
    public static final class Web implements SyntheticBeanCreator<WebApplication> {
        @Override
        public WebApplication create(Instance<Object> lookup, Parameters params) {
            return new WebApplication();
        }
    }

    /** The registry the servlet web flow serves. */
    public static final class Registry implements SyntheticBeanCreator<ConnectionRegistry> {
        @Override
        public ConnectionRegistry create(Instance<Object> lookup, Parameters params) {
            return lookup.select(ApplicationConnections.class).get().registry();
        }
    }

    /** The {@link ProcoreConnection} of one connection. */
    public static final class Connection implements SyntheticBeanCreator<ProcoreConnection> {
        @Override
        public ProcoreConnection create(Instance<Object> lookup, Parameters params) {
            return lookup.select(ApplicationConnections.class).get()
                    .connection(params.get(ProcoreBuildCompatibleExtension.NAME, String.class));
        }
    }

    /** A REST client of one connection. */
    public static final class Client implements SyntheticBeanCreator<Object> {
        @Override
        public Object create(Instance<Object> lookup, Parameters params) {
            String name = params.get(ProcoreBuildCompatibleExtension.NAME, String.class);
            Class<?> api = params.get(ProcoreBuildCompatibleExtension.API, Class.class);
            return lookup.select(ApplicationConnections.class).get().runtime(name).clients().build(api, ClientScope.NONE);
        }
    }

    /** Closes a REST client. */
    public static final class CloseClient implements SyntheticBeanDisposer<Object> {
        @Override
        public void dispose(Object instance, Instance<Object> lookup, Parameters params) {
            if (instance instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.fine(() -> "closing a Procore client failed: " + e);
                }
            }
        }
    }

    /** Reads and checks the connections when the application starts, so that a problem stops it there. */
    public static final class CheckAtStartup implements SyntheticObserver<Startup> {
        @Override
        public void observe(EventContext<Startup> event, Parameters params) {
            CDI.current().select(ApplicationConnections.class).get().names();
        }
    }
}
