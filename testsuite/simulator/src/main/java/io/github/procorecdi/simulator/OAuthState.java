package io.github.procorecdi.simulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's authorization server state: single-use codes (10 minutes), access tokens
 * (5400 s by default), single-use rotating refresh tokens, revocation.
 */
final class OAuthState {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Token> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();
    volatile Duration accessTokenLifetime = Duration.ofSeconds(5400);
    volatile Duration codeLifetime = Duration.ofMinutes(10);

    private volatile java.nio.file.Path stateFile;

    OAuthState(Clock clock) {
        this.clock = clock;
    }

    /** Keeps access and refresh tokens in {@code file} (loaded now if it exists, rewritten after every change). */
    synchronized void persistTo(java.nio.file.Path file) {
        this.stateFile = file;
        if (java.nio.file.Files.exists(file)) {
            try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(java.nio.file.Files.newBufferedReader(file))) {
                jakarta.json.JsonObject root = reader.readObject();
                for (jakarta.json.JsonValue v : root.getJsonArray("access_tokens")) {
                    jakarta.json.JsonObject o = v.asJsonObject();
                    Token t = new Token(o.getString("value"), o.getString("client_id"),
                            o.isNull("user_id") ? null : o.getJsonNumber("user_id").longValue(), Instant.parse(o.getString("created_at")),
                            Instant.parse(o.getString("expires_at")), o.isNull("refresh_token") ? null : o.getString("refresh_token"));
                    accessTokens.put(t.value(), t);
                }
                for (jakarta.json.JsonValue v : root.getJsonArray("refresh_tokens")) {
                    jakarta.json.JsonObject o = v.asJsonObject();
                    Refresh r = new Refresh(o.getString("value"), o.getString("client_id"),
                            o.isNull("user_id") ? null : o.getJsonNumber("user_id").longValue(), o.getString("access_token"));
                    refreshTokens.put(r.value(), r);
                }
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalStateException("cannot read simulator state " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private synchronized void save() {
        java.nio.file.Path file = stateFile;
        if (file == null) {
            return;
        }
        jakarta.json.JsonArrayBuilder access = jakarta.json.Json.createArrayBuilder();
        accessTokens.values().forEach(t -> {
            jakarta.json.JsonObjectBuilder o = jakarta.json.Json.createObjectBuilder().add("value", t.value()).add("client_id", t.clientId())
                    .add("created_at", t.createdAt().toString()).add("expires_at", t.expiresAt().toString());
            if (t.userId() == null) { o.addNull("user_id"); } else { o.add("user_id", t.userId()); }
            if (t.refreshToken() == null) { o.addNull("refresh_token"); } else { o.add("refresh_token", t.refreshToken()); }
            access.add(o);
        });
        jakarta.json.JsonArrayBuilder refresh = jakarta.json.Json.createArrayBuilder();
        refreshTokens.values().forEach(r -> {
            jakarta.json.JsonObjectBuilder o = jakarta.json.Json.createObjectBuilder().add("value", r.value()).add("client_id", r.clientId())
                    .add("access_token", r.accessToken());
            if (r.userId() == null) { o.addNull("user_id"); } else { o.add("user_id", r.userId()); }
            refresh.add(o);
        });
        String json = jakarta.json.Json.createObjectBuilder().add("access_tokens", access).add("refresh_tokens", refresh).build().toString();
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            java.nio.file.Files.writeString(tmp, json);
            java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write simulator state " + file, e);
        }
    }

    record Code(String clientId, String redirectUri, long userId, Instant expiresAt) {
    }

    /** An access token; {@code userId} is null for a service account. */
    record Token(String value, String clientId, Long userId, Instant createdAt, Instant expiresAt, String refreshToken) {
    }

    record Refresh(String value, String clientId, Long userId, String accessToken) {
    }

    String newCode(String clientId, String redirectUri, long userId) {
        String code = random(24);
        codes.put(code, new Code(clientId, redirectUri, userId, clock.instant().plus(codeLifetime)));
        return code;
    }

    /**
     * Takes the code out (single use, whatever the outcome).
     * @return it if still valid, else null
     */
    Code redeemCode(String code) {
        Code c = code == null ? null : codes.remove(code);
        return c == null || !clock.instant().isBefore(c.expiresAt()) ? null : c;
    }

    Token issue(String clientId, Long userId, boolean withRefresh) {
        Instant now = clock.instant();
        String value = random(32);
        String refresh = withRefresh ? random(32) : null;
        Token token = new Token(value, clientId, userId, now, now.plus(accessTokenLifetime), refresh);
        accessTokens.put(value, token);
        if (refresh != null) {
            refreshTokens.put(refresh, new Refresh(refresh, clientId, userId, value));
        }
        save();
        return token;
    }

    /**
     * Spends the refresh token (single use, whatever the outcome).
     * @return it if it was valid for this client
     */
    Refresh spendRefresh(String value, String clientId) {
        Refresh r = value == null ? null : refreshTokens.remove(value);
        if (r == null) {
            return null;
        }
        save();
        if (!r.clientId().equals(clientId)) {
            return null;
        }
        return r;
    }

    /** @return the access token if valid now, else null */
    Token valid(String value) {
        Token t = value == null ? null : accessTokens.get(value);
        return t == null || !clock.instant().isBefore(t.expiresAt()) ? null : t;
    }

    /** Revokes an access token and its refresh token, or a refresh token and its access token. */
    void revoke(String value, String clientId) {
        Token t = accessTokens.get(value);
        if (t != null && t.clientId().equals(clientId)) {
            accessTokens.remove(value);
            if (t.refreshToken() != null) {
                refreshTokens.remove(t.refreshToken());
            }
            save();
            return;
        }
        Refresh r = refreshTokens.get(value);
        if (r != null && r.clientId().equals(clientId)) {
            refreshTokens.remove(value);
            accessTokens.remove(r.accessToken());
            save();
        }
    }

    void revokeAll() {
        accessTokens.clear();
        refreshTokens.clear();
        save();
    }

    /** Makes every access token expired (refresh tokens stay usable). */
    void expireAll() {
        Instant now = clock.instant();
        accessTokens.replaceAll((k, t) -> new Token(t.value(), t.clientId(), t.userId(), t.createdAt(), now, t.refreshToken()));
    }

    int liveRefreshTokens() {
        return refreshTokens.size();
    }

    Instant now() {
        return clock.instant();
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
