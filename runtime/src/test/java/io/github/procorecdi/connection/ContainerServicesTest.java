package io.github.procorecdi.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcoreSubjectResolver;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.store.MemoryTokenStore;

/** The runtime's one port to the container: what a connection asks of it, and when. */
class ContainerServicesTest {
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    private static ConnectionConfig.Builder userConnection() {
        return ConnectionConfig.builder("c").client("id", "secret").grantType(GrantType.AUTHORIZATION_CODE)
                .redirectUri("https://app.example.com/procore/callback").urls(NOWHERE, NOWHERE).userAgent("test");
    }

    /** A container that has a store bean named "appStore" and a subject resolver, and counts the lookups. */
    static class Beans implements ContainerServices {
        final TokenStore store = new MemoryTokenStore();
        final AtomicInteger storeLookups = new AtomicInteger();
        final AtomicInteger resolverLookups = new AtomicInteger();
        final WebApplication web = new WebApplication();

        @Override
        public TokenStore namedTokenStore(String name) {
            storeLookups.incrementAndGet();
            return "appStore".equals(name) ? store : null;
        }

        @Override
        public ProcoreSubjectResolver subjectResolver() {
            resolverLookups.incrementAndGet();
            return connection -> "resolved-for-" + connection;
        }

        @Override
        public WebApplication webApplication() {
            return web;
        }
    }

    @Test
    void theNamedStoreBeanAndTheResolverComeFromTheContainerAtFirstUse() {
        Beans beans = new Beans();
        TokenStoreConfig appStore = new TokenStoreConfig("appStore", null, TokenStoreConfig.DEFAULT_DATASOURCE, null, null, null,
                TokenStoreConfig.DEFAULT_TABLE, true, null, List.of());
        try (ConnectionRuntime runtime = new ConnectionRuntime(userConnection().tokenStore(appStore).build(), beans, Clock.systemUTC())) {
            assertThat(beans.storeLookups).as("no lookup while building the runtime").hasValue(0);
            assertThat(beans.resolverLookups).hasValue(0);

            assertThat(runtime.store()).isSameAs(beans.store);
            assertThat(runtime.subjects().current()).isEqualTo("resolved-for-c");
            assertThat(runtime.subjects().current()).isEqualTo("resolved-for-c");
            assertThat(beans.resolverLookups).as("the resolver is looked up once").hasValue(1);
        }
    }

    @Test
    void theRegistryMarksTheWebFlagTheConnectionsSubjectsRead() {
        Beans beans = new Beans();
        Beans noResolver = new Beans() {
            @Override
            public ProcoreSubjectResolver subjectResolver() {
                return null;
            }
        };
        try (ConnectionRuntime runtime = new ConnectionRuntime(userConnection().build(), noResolver, Clock.systemUTC())) {
            ConnectionRegistry registry = new ConnectionRegistry(Map.of("c", runtime.config()), Map.of("c", () -> runtime),
                    noResolver.webApplication());
            assertThat(runtime.subjects().current()).as("not a web application: the default subject").isEqualTo("default");

            registry.servingWebRequests();

            assertThat(registry.isWebApplication()).isTrue();
            assertThatThrownBy(() -> runtime.subjects().current()).as("a web application's call off the request thread")
                    .isInstanceOf(ProcoreException.class).hasMessageContaining("forSubject");
        }
        assertThat(beans.web.isServing()).as("another application's flag").isFalse();
    }

    @Test
    void javaSeHasNoBeansAndIsNoWebApplication() {
        try (ConnectionRuntime runtime = new ConnectionRuntime(userConnection().build(), ContainerServices.NONE, Clock.systemUTC())) {
            assertThat(runtime.store()).isInstanceOf(MemoryTokenStore.class);
            assertThat(runtime.subjects().current()).isEqualTo("default");
        }
        TokenStoreConfig unknown = new TokenStoreConfig("appStore", null, TokenStoreConfig.DEFAULT_DATASOURCE, null, null, null,
                TokenStoreConfig.DEFAULT_TABLE, true, null, List.of());
        try (ConnectionRuntime runtime = new ConnectionRuntime(userConnection().tokenStore(unknown).build(), ContainerServices.NONE,
                Clock.systemUTC())) {
            assertThatThrownBy(runtime::store).isInstanceOf(ProcoreException.class).hasMessageContaining("@Named(\"appStore\")");
        }
    }
}
