package io.github.procorecdi.servers.app;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.TokenStore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** An application-supplied token store, selected with {@code token-store=appStore}. */
@ApplicationScoped
@Named("appStore")
public class AppTokenStore implements TokenStore {
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger saves = new AtomicInteger();

    public int saves() {
        return saves.get();
    }

    /** @return the connection keys (store keys) tokens are held under */
    public Set<String> connections() {
        Set<String> keys = new TreeSet<>();
        tokens.keySet().forEach(k -> keys.add(k.substring(0, k.lastIndexOf('/'))));
        return keys;
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
        return replacement == null ? tokens.remove(key, expected) : tokens.replace(key, expected, replacement);
    }

    @Override
    public void remove(String connection, String subject) {
        tokens.remove(connection + "/" + subject);
    }
}
