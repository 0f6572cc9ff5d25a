package io.github.procorecdi.quarkus;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.TokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** An application token store, selected with {@code token-store=appStore}; it counts what it saves. */
@ApplicationScoped
@Named("appStore")
public class AppTokenStore implements TokenStore {
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger saves = new AtomicInteger();

    public int saves() {
        return saves.get();
    }

    /** @return whether this store holds a token under a store key of connection {@code name} ({@code <name>@<client>}) */
    public boolean holds(String name) {
        return tokens.keySet().stream().anyMatch(k -> k.startsWith(name + "@"));
    }

    @Override
    public Optional<AccessToken> load(String connection, String subject) {
        return Optional.ofNullable(tokens.get(connection + "/" + subject));
    }

    @Override
    public void save(String connection, String subject, AccessToken token) {
        saves.incrementAndGet();
        tokens.put(connection + "/" + subject, token);
    }

    @Override
    public boolean replace(String connection, String subject, AccessToken expected, AccessToken replacement) {
        String key = connection + "/" + subject;
        if (replacement == null) {
            return tokens.remove(key, expected);
        }
        saves.incrementAndGet();
        return expected == null ? tokens.putIfAbsent(key, replacement) == null : tokens.replace(key, expected, replacement);
    }

    @Override
    public void remove(String connection, String subject) {
        tokens.remove(connection + "/" + subject);
    }
}
