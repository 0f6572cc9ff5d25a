package io.github.procorecdi.extension;

import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.procorecdi.ProcoreSubjectResolver;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.client.RetryRules;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.connection.ContainerServices;
import io.github.procorecdi.connection.WebApplication;
import io.github.procorecdi.store.jdbc.JdbcConnections;
import io.github.procorecdi.telemetry.Telemetry;
import io.github.procorecdi.webhooks.WebhookEvents;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanContainer;

/**
 * The runtime's port to CDI, implemented once for the portable and the build-compatible extension: the application's
 * {@code @Named} token stores and its {@link ProcoreSubjectResolver} (looked up in the bean container when the runtime
 * asks), CDI events for webhooks, the telemetry and Fault Tolerance found at deployment, a jdbc store's connections as
 * resolved at deployment, and the application's web flag. One per connection.
 */
final class CdiContainerServices implements ContainerServices {
    /**
     * What the services of every connection of one application share.
     *
     * @param beans      the bean container
     * @param discovered the beans CDI announced during discovery (found where {@code getBeans} does not see them)
     * @param web        the application's web flag (marked by the servlet filter through the registry)
     * @param telemetry  the connections' metrics and spans, looked up at first use
     * @param retryRules each client method's retries
     */
    record Application(BeanContainer beans, DiscoveredBeans discovered, WebApplication web, Supplier<Telemetry> telemetry,
                       RetryRules retryRules) {
    }

    private final String connection;
    private final Application application;
    private final Function<TokenStoreConfig, JdbcConnections> jdbc;

    /**
     * @param connection  the connection's name (its webhook events' qualifier)
     * @param application what the application's connections share
     * @param jdbc        a jdbc store's connections (those resolved at deployment, when they were)
     */
    CdiContainerServices(String connection, Application application, Function<TokenStoreConfig, JdbcConnections> jdbc) {
        this.connection = connection;
        this.application = application;
        this.jdbc = jdbc;
    }

    @Override
    public TokenStore namedTokenStore(String name) {
        BeanContainer beans = application.beans();
        Set<Bean<?>> found = application.discovered().named(beans, name);
        if (found.isEmpty()) {
            return null;
        }
        Bean<?> bean = beans.resolve(found);
        return (TokenStore) beans.getReference(bean, TokenStore.class, beans.createCreationalContext(bean));
    }

    @Override
    public ProcoreSubjectResolver subjectResolver() {
        BeanContainer beans = application.beans();
        Set<Bean<?>> found = application.discovered().ofType(beans, ProcoreSubjectResolver.class);
        if (found.isEmpty()) {
            return null;
        }
        Bean<?> bean = beans.resolve(found);
        return (ProcoreSubjectResolver) beans.getReference(bean, ProcoreSubjectResolver.class, beans.createCreationalContext(bean));
    }

    @Override
    public WebhookEvents webhookEvents() {
        return new CdiWebhookEvents(connection, application.beans());
    }

    @Override
    public Telemetry telemetry() {
        return application.telemetry().get();
    }

    @Override
    public RetryRules retryRules() {
        return application.retryRules();
    }

    @Override
    public JdbcConnections jdbcConnections(TokenStoreConfig store) {
        return jdbc.apply(store);
    }

    @Override
    public WebApplication webApplication() {
        return application.web();
    }

    @Override
    public String toString() {
        return "CdiContainerServices[" + connection + "]";
    }
}
