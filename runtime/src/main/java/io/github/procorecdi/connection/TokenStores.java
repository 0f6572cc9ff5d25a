package io.github.procorecdi.connection;

import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.TokenStore;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.store.FileTokenStore;
import io.github.procorecdi.store.MemoryTokenStore;
import io.github.procorecdi.store.TokenCipher;
import io.github.procorecdi.store.jdbc.JdbcConnections;
import io.github.procorecdi.store.jdbc.JdbcTokenStore;

/** Builds a connection's token store from its {@code token-store*} settings: the built-ins, or an application bean. */
final class TokenStores {
    private TokenStores() {
    }

    /**
     * @param store      the settings
     * @param namedBeans looks up the application's {@code @Named} {@link TokenStore} beans
     * @param clock      time source (file store leases)
     * @param jdbc       the connections of a {@code jdbc} store (resolved once, at deployment in a server)
     */
    static TokenStore create(TokenStoreConfig store, Function<String, TokenStore> namedBeans, Clock clock,
                            Supplier<JdbcConnections> jdbc) {
        TokenCipher cipher = new TokenCipher(store.encryptionKey(), store.previousKeys());
        switch (store.kind()) {
            case TokenStoreConfig.MEMORY:
                return new MemoryTokenStore();
            case TokenStoreConfig.FILE:
                return new FileTokenStore(store.path(), cipher, clock);
            case TokenStoreConfig.JDBC:
                return new JdbcTokenStore(jdbc.get(), store.table(), cipher, store.createTable());
            default:
                TokenStore bean = namedBeans.apply(store.kind());
                if (bean == null) {
                    throw new ProcoreException("no bean @Named(\"" + store.kind() + "\") implements " + TokenStore.class.getName());
                }
                return bean;
        }
    }
}
