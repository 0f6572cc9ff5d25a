package io.github.procorecdi.store;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.TokenStore;

/** The {@code memory} token store: one JVM, nothing survives a restart. */
public final class MemoryTokenStore implements TokenStore {
    private final ConcurrentMap<Key, AccessToken> tokens = new ConcurrentHashMap<>();

    @Override
    public Optional<AccessToken> load(String connection, String subject) {
        return Optional.ofNullable(tokens.get(new Key(connection, subject)));
    }

    @Override
    public void save(String connection, String subject, AccessToken token) {
        tokens.put(new Key(connection, subject), Objects.requireNonNull(token, "token"));
    }

    @Override
    public boolean replace(String connection, String subject, AccessToken expected, AccessToken replacement) {
        Key key = new Key(connection, subject);
        return replacement == null ? tokens.remove(key, expected) : tokens.replace(key, expected, replacement);
    }

    @Override
    public void remove(String connection, String subject) {
        tokens.remove(new Key(connection, subject));
    }

    @Override
    public String toString() {
        return "MemoryTokenStore[" + tokens.size() + " tokens]";
    }

    private record Key(String connection, String subject) {
    }
}
