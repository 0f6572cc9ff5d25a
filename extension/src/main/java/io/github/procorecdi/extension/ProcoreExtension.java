package io.github.procorecdi.extension;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConfigurationException;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.client.RetryRules;
import io.github.procorecdi.config.MicroProfileConfigLookup;
import io.github.procorecdi.config.ConnectionConfigReader;
import io.github.procorecdi.config.ConfigProblems;
import io.github.procorecdi.connection.ConnectionRegistry;
import io.github.procorecdi.connection.WebApplication;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

/**
 * The portable extension: collects {@code @ProcoreClient} injection points, reads and validates
 * each connection's MicroProfile Config, and registers one application-scoped bean per
 * (type, connection): the REST client and the {@link ProcoreConnection}. All configuration
 * problems of all connections are reported together at {@link AfterDeploymentValidation}.
 */
public class ProcoreExtension implements Extension {
    /** Whether the Servlet API is visible (a web module's start event carries its {@code ServletContext} then). */
    private static final boolean SERVLET_API = ApplicationConnections.visible("jakarta.servlet.ServletContext");

    /** Connection name to the REST client interfaces injected for it. */
    private final Map<String, Set<Class<?>>> clients = new LinkedHashMap<>();
    /** Interfaces annotated {@code @ProcoreClient}, by connection: also injectable, if that connection is configured. */
    private final Map<String, Set<Class<?>>> annotatedClients = new LinkedHashMap<>();
    /** Interfaces looked up through {@code Instance<T>}/{@code Provider<T>}, by connection: registered if configured. */
    private final Map<String, Set<Class<?>>> optionalClients = new LinkedHashMap<>();
    private final Set<String> injectedNames = new LinkedHashSet<>();
    private final ConfigProblems problems = new ConfigProblems();
    private volatile ApplicationConnections connections;
    private final DiscoveredBeans discovered = new DiscoveredBeans();
    /** The application's web flag: a bean, which procore-cdi's servlet initializer marks ({@link CdiRegistries}). */
    private final WebApplication web = new WebApplication();
    /** Whether the Fault Tolerance API is visible: looked up once, used before and after discovery. */
    private final boolean faultTolerance = ApplicationConnections.visible(io.github.procorecdi.extension.faulttolerance.FaultToleranceRetryRules.API);

    void probes(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
        if (faultTolerance) {
            io.github.procorecdi.extension.faulttolerance.ProbeInterceptor.register(event, beanManager);
        }
    }

    void collect(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint ip = event.getInjectionPoint();
        ProcoreClient qualifier = qualifier(ip);
        if (qualifier == null) {
            return;
        }
        String name = qualifier.value();
        Type type = ip.getType();
        if (isInstanceLookup(type)) {
            // Instance<T>/Provider<T>: the application checks isResolvable(); the beans exist when the
            // connection is configured, and nothing is required of the configuration otherwise
            Type element = ((java.lang.reflect.ParameterizedType) type).getActualTypeArguments()[0];
            if (element instanceof Class<?> c && c.isInterface() && c != ProcoreConnection.class) {
                add(optionalClients, name, c);
            }
            return;
        }
        injectedNames.add(name);
        if (type == ProcoreConnection.class) {
            return;
        }
        if (type instanceof Class<?> c && c.isInterface()) {
            add(clients, name, c);
        } else {
            problems.add("@ProcoreClient(\"" + name + "\") " + describe(ip),
                    "type " + type.getTypeName() + " is neither ProcoreConnection nor a REST client interface");
        }
    }

    /** Named beans and subject resolvers, which the extension's own BeanManager may not see (see DiscoveredBeans). */
    void discovered(@Observes jakarta.enterprise.inject.spi.ProcessBean<?> event) {
        jakarta.enterprise.inject.spi.Bean<?> bean = event.getBean();
        if (bean.getName() != null || bean.getTypes().contains(io.github.procorecdi.ProcoreSubjectResolver.class)) {
            discovered.add(bean);
        }
    }

    void annotated(@Observes @WithAnnotations(ProcoreClient.class) ProcessAnnotatedType<?> event) {
        Class<?> type = event.getAnnotatedType().getJavaClass();
        ProcoreClient qualifier = type.getAnnotation(ProcoreClient.class);
        if (type.isInterface() && qualifier != null) {
            add(annotatedClients, qualifier.value(), type);
        }
    }

    void register(@Observes AfterBeanDiscovery event, BeanManager beanManager) {
        ConnectionConfigReader reader = new ConnectionConfigReader(MicroProfileConfigLookup.of(config()));
        RetryRules retryRules = faultTolerance
                ? new io.github.procorecdi.extension.faulttolerance.FaultToleranceRetryRules() : RetryRules.CONFIGURED;
        Set<String> used = new LinkedHashSet<>(injectedNames);
        used.addAll(annotatedClients.keySet());
        ApplicationConnections app = ApplicationConnections.read(reader, injectedNames, used, problems, beanManager, retryRules, discovered, web);
        this.connections = app;
        for (String name : app.names()) {
            ConnectionHolder holder = app.holder(name);
            ProcoreClient qualifier = ProcoreClient.Literal.of(name);
            event.addBean()
                    .id("procore-cdi:" + name + ":" + ProcoreConnection.class.getName())
                    .beanClass(ProcoreExtension.class)
                    .types(ProcoreConnection.class, Object.class)
                    .qualifiers(qualifier, Any.Literal.INSTANCE)
                    .scope(ApplicationScoped.class)
                    .createWith(BeanInstances.connection(holder));
            Set<Class<?>> apis = new LinkedHashSet<>(clients.getOrDefault(name, Set.of()));
            apis.addAll(annotatedClients.getOrDefault(name, Set.of()));
            apis.addAll(optionalClients.getOrDefault(name, Set.of()));
            for (Class<?> api : apis) {
                event.addBean()
                        .id("procore-cdi:" + name + ":" + api.getName())
                        .beanClass(api)
                        .types(api, Object.class)
                        .qualifiers(qualifier, Any.Literal.INSTANCE)
                        .scope(ApplicationScoped.class)
                        .createWith(BeanInstances.client(holder, api))
                        .destroyWith(BeanInstances.client(holder, api));
            }
        }
        registerRegistry(event, app);
    }

    private void registerRegistry(AfterBeanDiscovery event, ApplicationConnections app) {
        ConnectionRegistry registry = app.registry();
        if (healthApiPresent()) {
            io.github.procorecdi.extension.health.ReadinessChecks.register(event, app.runtimes(),
                    Thread.currentThread().getContextClassLoader());
        }
        event.addBean()
                .id("procore-cdi:web-application")
                .beanClass(ProcoreExtension.class)
                .types(WebApplication.class, Object.class)
                .scope(Singleton.class)
                .createWith(BeanInstances.webApplication(web));
        event.addBean()
                .id("procore-cdi:registry")
                .beanClass(ProcoreExtension.class)
                .types(ConnectionRegistry.class, Object.class)
                .scope(Singleton.class)
                .createWith(BeanInstances.registry(registry));
    }

    /** @return whether MicroProfile Health is on the class path (readiness checks switch on only then) */
    private static boolean healthApiPresent() {
        return ApplicationConnections.visible(io.github.procorecdi.extension.health.ReadinessChecks.API);
    }

    void validate(@Observes AfterDeploymentValidation event) {
        ApplicationConnections app = connections;
        if (app != null) {
            app.checkTokenStores();
        }
        if (!problems.isEmpty()) {
            event.addDeploymentProblem(new ProcoreConfigurationException(problems.list()));
            return;
        }
        if (app != null) {
            app.logReady();
        }
    }

    /**
     * The application has started (on the thread starting it): what must be looked up there is looked up, and a web module
     * procore-cdi's filter serves (the payload is its {@code ServletContext}) is marked as a web application, if the
     * initializer could not (it ran before CDI was up). Early, so before the application's own observers of the event.
     */
    void started(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object event) {
        ApplicationConnections app = connections;
        if (app != null) {
            if (SERVLET_API && io.github.procorecdi.web.WebModules.servedByProcoreCdi(event)) {
                web.markServing();
            }
            app.applicationStarted();
        }
    }

    void shutdown(@Observes BeforeShutdown event) {
        ApplicationConnections app = connections;
        if (app != null) {
            app.close();
        }
    }

    private static Config config() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        return tccl != null ? ConfigProvider.getConfig(tccl) : ConfigProvider.getConfig();
    }

    private static ProcoreClient qualifier(InjectionPoint ip) {
        for (var annotation : ip.getQualifiers()) {
            if (annotation instanceof ProcoreClient p) {
                return p;
            }
        }
        return null;
    }

    private static boolean isInstanceLookup(Type type) {
        return type instanceof java.lang.reflect.ParameterizedType p
                && (p.getRawType() == jakarta.enterprise.inject.Instance.class || p.getRawType() == jakarta.inject.Provider.class);
    }

    private static String describe(InjectionPoint ip) {
        return ip.getMember() == null ? "injection point" : "at " + ip.getMember().getDeclaringClass().getName() + "." + ip.getMember().getName();
    }

    /** Adds {@code api} to the connection's set (not computeIfAbsent: its lambda would be a class spun at boot). */
    private static void add(Map<String, Set<Class<?>>> byConnection, String name, Class<?> api) {
        Set<Class<?>> apis = byConnection.get(name);
        if (apis == null) {
            apis = new LinkedHashSet<>();
            byConnection.put(name, apis);
        }
        apis.add(api);
    }
}
