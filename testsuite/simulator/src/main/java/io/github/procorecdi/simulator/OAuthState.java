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

    OAuthState(Clock clock) {
        this.clock = clock;
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

    /** Takes the code out (single use, whatever the outcome). @return it if still valid, else null */
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
        return token;
    }

    /** Spends the refresh token (single use, whatever the outcome). @return it if it was valid for this client */
    Refresh spendRefresh(String value, String clientId) {
        Refresh r = value == null ? null : refreshTokens.remove(value);
        if (r == null) {
            return null;
        }
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
            return;
        }
        Refresh r = refreshTokens.get(value);
        if (r != null && r.clientId().equals(clientId)) {
            refreshTokens.remove(value);
            accessTokens.remove(r.accessToken());
        }
    }

    void revokeAll() {
        accessTokens.clear();
        refreshTokens.clear();
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
