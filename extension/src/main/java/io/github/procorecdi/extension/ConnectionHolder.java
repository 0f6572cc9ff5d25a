package io.github.procorecdi.extension;

import java.time.Clock;
import java.util.Set;

import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcoreSubjectResolver;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.internal.ConnectionRuntime;
import io.github.procorecdi.internal.RequestSubjects;
import io.github.procorecdi.internal.SubjectSource;
import io.github.procorecdi.token.FileTokenStore;
import io.github.procorecdi.token.JdbcTokenStore;
import io.github.procorecdi.token.MemoryTokenStore;
import io.github.procorecdi.token.TokenCipher;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

/** One connection of the application: its configuration and, from first use on, its runtime. */
public final class ConnectionHolder {
    private final String name;
    private final ConnectionConfig config;
    private final String tokenStoreKind;
    private final BeanManager beanManager;
    private volatile ConnectionRuntime runtime;
    private volatile SubjectSource applicationResolver;

    ConnectionHolder(String name, ConnectionConfig config, String tokenStoreKind, BeanManager beanManager) {
        this.name = name;
        this.config = config;
        this.tokenStoreKind = tokenStoreKind;
        this.beanManager = beanManager;
    }

    /** @return the validated configuration, or {@code null} if it was invalid (deployment then fails) */
    public ConnectionConfig config() {
        return config;
    }

    /** @return the connection's runtime, created at first use */
    public ConnectionRuntime runtime() {
        ConnectionRuntime r = runtime;
        if (r == null) {
            synchronized (this) {
                r = runtime;
                if (r == null) {
                    if (config == null) {
                        throw new ProcoreException("Procore connection '" + name + "' has invalid configuration");
                    }
                    r = new ConnectionRuntime(config, this::tokenStore, this::subject, Clock.systemUTC());
                    runtime = r;
                }
            }
        }
        return r;
    }

    void validateTokenStore(ConfigProblems problems) {
        String bean = tokenStoreKind;
        if (TokenStoreConfig.JDBC.equals(bean) && config != null) {
            JdbcConnections.validate(name, config.tokenStore(), problems);
            return;
        }
        if (TokenStoreConfig.MEMORY.equals(bean) || TokenStoreConfig.FILE.equals(bean) || TokenStoreConfig.JDBC.equals(bean)) {
            return;
        }
        Set<Bean<?>> beans = beanManager.getBeans(bean);
        String property = ConnectionConfig.key(name, "token-store");
        if (beans.isEmpty()) {
            problems.add(property, "'" + bean + "' is neither memory, file nor jdbc, and no bean is @Named(\"" + bean + "\")");
        } else if (beans.stream().noneMatch(b -> b.getTypes().contains(TokenStore.class))) {
            problems.add(property, "the bean @Named(\"" + bean + "\") does not implement " + TokenStore.class.getName());
        }
    }

    private TokenStore tokenStore() {
        TokenStoreConfig store = config.tokenStore();
        TokenCipher cipher = store.encryptionKey() == null ? null : new TokenCipher(store.encryptionKey());
        if (TokenStoreConfig.FILE.equals(store.kind())) {
            return new FileTokenStore(store.path(), cipher, Clock.systemUTC());
        }
        if (TokenStoreConfig.JDBC.equals(store.kind())) {
            return new JdbcTokenStore(JdbcConnections.of(store), store.table(), cipher, Clock.systemUTC());
        }
        if (!store.isBean()) {
            return new MemoryTokenStore();
        }
        Bean<?> bean = beanManager.resolve(beanManager.getBeans(store.kind()));
        CreationalContext<?> cc = beanManager.createCreationalContext(bean);
        return (TokenStore) beanManager.getReference(bean, TokenStore.class, cc);
    }

    private String subject() {
        SubjectSource resolver = applicationResolver;
        if (resolver == null) {
            resolver = lookUpResolver();
            applicationResolver = resolver;
        }
        return resolver.currentSubject();
    }

    private SubjectSource lookUpResolver() {
        Set<Bean<?>> beans = beanManager.getBeans(ProcoreSubjectResolver.class);
        if (beans.isEmpty()) {
            return ConnectionHolder::builtInSubject;
        }
        Bean<?> bean = beanManager.resolve(beans);
        ProcoreSubjectResolver resolver = (ProcoreSubjectResolver) beanManager.getReference(bean, ProcoreSubjectResolver.class,
                beanManager.createCreationalContext(bean));
        return () -> resolver.resolve(name);
    }

    /** The caller of the current web request (principal, else session), else {@code "default"}. */
    private static String builtInSubject() {
        String web = RequestSubjects.current();
        return web != null ? web : SubjectSource.DEFAULT;
    }

    void close() {
        ConnectionRuntime r = runtime;
        if (r != null) {
            r.close();
        }
    }

    @Override
    public String toString() {
        return "ConnectionHolder[" + (config != null ? config : name) + "]";
    }
}
