package io.github.procorecdi.extension.lite;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.ConfigProvider;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConfigurationException;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.client.RetryRules;
import io.github.procorecdi.config.ConfigProblems;
import io.github.procorecdi.config.ConnectionConfigReader;
import io.github.procorecdi.config.MicroProfileConfigLookup;
import io.github.procorecdi.extension.ApplicationConnections;
import io.github.procorecdi.extension.ProcoreExtension;
import io.github.procorecdi.connection.ConnectionRegistry;
import io.github.procorecdi.connection.WebApplication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.build.compatible.spi.BeanInfo;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.InjectionPointInfo;
import jakarta.enterprise.inject.build.compatible.spi.Messages;
import jakarta.enterprise.inject.build.compatible.spi.ObserverInfo;
import jakarta.enterprise.inject.build.compatible.spi.Registration;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.inject.build.compatible.spi.Synthesis;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanBuilder;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticObserverBuilder;
import jakarta.enterprise.inject.build.compatible.spi.Validation;
import jakarta.enterprise.lang.model.AnnotationInfo;
import jakarta.enterprise.lang.model.declarations.ClassInfo;
import jakarta.enterprise.lang.model.declarations.DeclarationInfo;
import jakarta.enterprise.lang.model.declarations.ParameterInfo;
import jakarta.enterprise.lang.model.types.Type;
import jakarta.inject.Singleton;

/**
 * The build-compatible extension, for CDI Lite containers (Quarkus' ArC), which run no portable extension: it does what
 * {@link ProcoreExtension} does, with the same reading of the configuration ({@link ApplicationConnections}). It finds
 * the {@code @ProcoreClient} injection points of beans and observers, adds one application-scoped bean per
 * (type, connection) (the REST client and the {@link ProcoreConnection}) and the connection registry the servlet web
 * flow finds, and reports every configuration problem at validation, each naming its property. At run time the
 * connections are read again from the run-time configuration and checked before the application serves anything
 * (an observer of {@link Startup}). A CDI Full container (Weld) runs the portable extension and skips this one.
 */
@SkipIfPortableExtensionPresent(ProcoreExtension.class)
public class ProcoreBuildCompatibleExtension implements BuildCompatibleExtension {
    static final String NAME = "name";
    static final String API = "api";
    static final String INJECTED = "injected";
    static final String USED = "used";

    /** Connection name to the REST client interfaces injected for it. */
    private final Map<String, Map<String, ClassInfo>> clients = new LinkedHashMap<>();
    /** Interfaces looked up through {@code Instance<T>}/{@code Provider<T>}, by connection: registered if configured. */
    private final Map<String, Map<String, ClassInfo>> optionalClients = new LinkedHashMap<>();
    private final Set<String> injectedNames = new TreeSet<>();
    private final ConfigProblems typeProblems = new ConfigProblems();
    private ApplicationConnections connections;
    /** An application class with a {@code @ProcoreClient} injection point: it declares the start-up check. */
    private ClassInfo injectingClass;

    @Registration(types = Object.class)
    public void beans(BeanInfo bean) {
        for (InjectionPointInfo ip : bean.injectionPoints()) {
            if (collect(ip.type(), ip.qualifiers(), () -> declaration(ip)) && injectingClass == null && !bean.isSynthetic()) {
                injectingClass = bean.declaringClass();
            }
        }
    }

    @Registration(types = Object.class)
    public void observers(ObserverInfo observer) {
        if (observer.isSynthetic() || observer.observerMethod() == null) {
            return;
        }
        ParameterInfo event = observer.eventParameter();
        for (ParameterInfo parameter : observer.observerMethod().parameters()) {
            if (!parameter.name().equals(event.name()) && collect(parameter.type(), parameter.annotations(), () -> parameter)
                    && injectingClass == null) {
                injectingClass = observer.declaringClass();
            }
        }
    }

    /** @return whether the injection point is a {@code @ProcoreClient} one */
    private boolean collect(Type type, Collection<AnnotationInfo> qualifiers, Supplier<DeclarationInfo> where) {
        String name = connectionName(qualifiers);
        if (name == null) {
            return false;
        }
        if (type.isParameterizedType() && isInstanceLookup(type.asParameterizedType().genericClass().declaration().name())) {
            // Instance<T>/Provider<T>: the application checks isResolvable(); the beans exist when the connection is
            // configured, and nothing is required of the configuration otherwise
            Type element = type.asParameterizedType().typeArguments().get(0);
            if (element.isClass() && element.asClass().declaration().isInterface()
                    && !element.asClass().declaration().name().equals(ProcoreConnection.class.getName())) {
                ClassInfo api = element.asClass().declaration();
                optionalClients.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(api.name(), api);
            }
            return true;
        }
        injectedNames.add(name);
        if (type.isClass() && type.asClass().declaration().name().equals(ProcoreConnection.class.getName())) {
            return true;
        }
        if (type.isClass() && type.asClass().declaration().isInterface()) {
            ClassInfo api = type.asClass().declaration();
            clients.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(api.name(), api);
        } else {
            typeProblems.add("@ProcoreClient(\"" + name + "\") " + describe(where.get()),
                    "type " + type + " is neither ProcoreConnection nor a REST client interface");
        }
        return true;
    }

    @Synthesis
    public void synthesize(SyntheticComponents synthetic) {
        Set<String> used = new LinkedHashSet<>(injectedNames);
        ConfigProblems problems = new ConfigProblems();
        problems.addAll(typeProblems);
        connections = ApplicationConnections.read(reader(), injectedNames, used, problems, null, RetryRules.CONFIGURED);
        String[] injected = injectedNames.toArray(String[]::new);
        // named: the beans are found programmatically (by the other creators, the servlet web flow), and a CDI Lite
        // container may remove an unnamed bean that nothing injects
        synthetic.addBean(ApplicationConnections.class)
                .type(ApplicationConnections.class)
                .scope(Singleton.class)
                .name("procore-cdi.connections")
                .withParam(INJECTED, injected)
                .withParam(USED, used.toArray(String[]::new))
                .createWith(Creators.Connections.class)
                .disposeWith(Creators.CloseConnections.class);
        synthetic.addBean(WebApplication.class)
                .type(WebApplication.class)
                .scope(Singleton.class)
                .name("procore-cdi.web-application")
                .createWith(Creators.Web.class);
        synthetic.addBean(ConnectionRegistry.class)
                .type(ConnectionRegistry.class)
                .scope(Singleton.class)
                .name("procore-cdi.registry")
                .createWith(Creators.Registry.class);
        for (String name : connections.names()) {
            synthetic.addBean(ProcoreConnection.class)
                    .type(ProcoreConnection.class)
                    .qualifier(ProcoreClient.Literal.of(name))
                    .scope(ApplicationScoped.class)
                    .withParam(NAME, name)
                    .createWith(Creators.Connection.class);
            Map<String, ClassInfo> apis = new LinkedHashMap<>(clients.getOrDefault(name, Map.of()));
            optionalClients.getOrDefault(name, Map.of()).forEach(apis::putIfAbsent);
            for (ClassInfo api : apis.values()) {
                beanOf(synthetic, api)
                        .type(api)
                        .qualifier(ProcoreClient.Literal.of(name))
                        .scope(ApplicationScoped.class)
                        .withParam(NAME, name)
                        .withParam(API, api)
                        .createWith(Creators.Client.class)
                        .disposeWith(Creators.CloseClient.class);
            }
        }
        if (visible(io.github.procorecdi.extension.health.ReadinessChecks.API)) {
            Readiness.register(synthetic, connections.names());
        }
        // the run-time configuration may differ from the build's: it is read and checked again before the
        // application serves anything
        SyntheticObserverBuilder<Startup> check = synthetic.addObserver(Startup.class).observeWith(Creators.CheckAtStartup.class);
        if (injectingClass != null) {
            // declared by an application class, ArC generates the observer's class where the application's classes are
            // loaded. Declared by this extension (the default), the observer failed to start where procore-cdi is a
            // workspace module (dev mode, QuarkusUnitTest): IncompatibleClassChangeError, Creators$CheckAtStartup
            // does not implement SyntheticObserver (its class and the generated one saw different copies of the CDI
            // API). The synthetic beans' creators were not affected (ReactorClassLoadingTest)
            check.declaringClass(injectingClass);
        }
    }

    /**
     * @return a bean whose implementation class is the interface itself: a CDI Lite container builds the client proxy of
     *         a normal-scoped bean from that class (with {@code Object} the proxy would not implement the interface)
     */
    @SuppressWarnings("unchecked")
    private static SyntheticBeanBuilder<Object> beanOf(SyntheticComponents synthetic, ClassInfo api) {
        Class<?> type;
        try {
            type = Class.forName(api.name(), false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            type = Object.class;
        }
        return (SyntheticBeanBuilder<Object>) (SyntheticBeanBuilder<?>) synthetic.addBean(type);
    }

    @Validation
    public void validate(Messages messages) {
        ConfigProblems problems = connections != null ? connections.problems() : typeProblems;
        if (!problems.isEmpty()) {
            messages.error(new ProcoreConfigurationException(problems.list()));
        }
    }

    /** @return where an injection point is declared, or {@code null} for one of a synthetic bean (ArC has none then) */
    private static DeclarationInfo declaration(InjectionPointInfo ip) {
        try {
            return ip.declaration();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    static boolean visible(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static ConnectionConfigReader reader() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        return new ConnectionConfigReader(MicroProfileConfigLookup.of(
                tccl != null ? ConfigProvider.getConfig(tccl) : ConfigProvider.getConfig()));
    }

    private static String connectionName(Collection<AnnotationInfo> qualifiers) {
        for (AnnotationInfo a : qualifiers) {
            if (a.name().equals(ProcoreClient.class.getName())) {
                return a.hasMember("value") ? a.value().asString() : "default";
            }
        }
        return null;
    }

    private static boolean isInstanceLookup(String rawType) {
        return rawType.equals(jakarta.enterprise.inject.Instance.class.getName()) || rawType.equals(jakarta.inject.Provider.class.getName());
    }

    private static String describe(DeclarationInfo where) {
        if (where == null) {
            return "injection point";
        }
        if (where.isField()) {
            return "at " + where.asField().declaringClass().name() + "." + where.asField().name();
        }
        if (where.isParameter()) {
            return "at " + where.asParameter().declaringMethod().declaringClass().name() + "."
                    + where.asParameter().declaringMethod().name();
        }
        return "at " + where;
    }
}
