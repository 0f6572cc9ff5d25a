package io.github.procorecdi.token;

import java.time.Instant;
import java.util.Locale;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.TokenInfo;
import io.github.procorecdi.internal.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reads the JSON answers of Procore's OAuth endpoints, rejecting malformed ones with a clear message. */
final class TokenResponses {
    /** Procore's documented access-token lifetime, used when an answer has no {@code expires_in}. */
    static final long PROCORE_ACCESS_TOKEN_SECONDS = 5400;
    /** The longest {@code expires_in} taken as sane: one year (Procore issues 90 minutes). */
    static final long MAX_EXPIRES_IN_SECONDS = 366L * 24 * 3600;
    /** How far {@code created_at} may be from the moment the answer arrived: a day covers any real clock skew. */
    static final long MAX_CREATED_AT_SKEW_SECONDS = 24L * 3600;

    private TokenResponses() {
    }

    /** Hears that this node's clock runs so far ahead of Procore's that {@code created_at} gave an expiry already past. */
    @FunctionalInterface
    interface ClockAhead {
        /** @param seconds how far this node's clock is ahead of Procore's {@code created_at}, at least */
        void detected(long seconds);

        ClockAhead IGNORE = seconds -> { };
    }

    /** Parses a successful {@code /oauth/token} answer to a request sent at {@code sentAt}. */
    static AccessToken accessToken(int status, String body, Instant sentAt) {
        return accessToken(status, body, sentAt, ClockAhead.IGNORE);
    }

    /**
     * Parses a successful {@code /oauth/token} answer to a request sent at {@code sent}: the token's life is counted from
     * then (Procore issued it after that moment, however late its answer was read), or from Procore's
     * {@code created_at} when that is earlier, unless {@code created_at} already expired the token: then this node's clock
     * runs far ahead of Procore's, {@code clockAhead} hears of it, and the life is counted from the sending time.
     */
    static AccessToken accessToken(int status, String body, Instant sent, ClockAhead clockAhead) {
        Instant sentAt = sent.truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // what every store keeps
        JsonObject json = object(status, body, "token endpoint");
        String value = Json.string(json, "access_token");
        if (value == null || value.isBlank()) {
            throw malformed(status, "has no access_token");
        }
        String tokenType = Json.string(json, "token_type");
        if (tokenType == null) {
            tokenType = "bearer"; // required by RFC 6749, and Procore issues nothing else
        }
        if (!"bearer".equals(tokenType.toLowerCase(Locale.ROOT))) {
            throw malformed(status, "has token_type '" + Json.printable(tokenType, 40) + "', expected bearer");
        }
        Long expiresIn = number(json, "expires_in", status);
        if (expiresIn == null) {
            expiresIn = PROCORE_ACCESS_TOKEN_SECONDS; // RFC 6749: RECOMMENDED; Procore documents 5400 s
        } else if (expiresIn <= 0 || expiresIn > MAX_EXPIRES_IN_SECONDS) {
            throw malformed(status, "has an expires_in of " + expiresIn + " s, outside 1.." + MAX_EXPIRES_IN_SECONDS
                    + " (Procore issues 5400 s)");
        }
        Long createdAt = number(json, "created_at", status);
        if (createdAt != null && Math.abs(createdAt - sentAt.getEpochSecond()) > MAX_CREATED_AT_SKEW_SECONDS) {
            throw malformed(status, "has a created_at of " + createdAt + ", more than " + MAX_CREATED_AT_SKEW_SECONDS
                    + " s away from the time it was requested (" + sentAt.getEpochSecond() + ")");
        }
        String refresh = Json.string(json, "refresh_token");
        if (refresh != null && refresh.isBlank()) {
            refresh = null;
        }
        // Expiry is the earlier of two readings: our clock (when the request was sent: Procore issued the token after
        // that, so an answer read late does not stretch its life) and Procore's (created_at). A node whose clock runs
        // ahead then stores no expiry that other nodes would trust past Procore's, and one whose clock runs behind renews
        // early rather than sending tokens Procore already expired. A clock so far ahead that created_at has the token
        // expired already would renew on every call: that node counts from its own sending time, and says so.
        Instant expiresAt = sentAt.plusSeconds(expiresIn);
        Instant created = sentAt;
        if (createdAt != null) {
            Instant procoreExpiry = Instant.ofEpochSecond(createdAt).plusSeconds(expiresIn);
            if (!procoreExpiry.isAfter(sentAt)) {
                clockAhead.detected(sentAt.getEpochSecond() - createdAt);
            } else {
                created = Instant.ofEpochSecond(createdAt);
                if (procoreExpiry.isBefore(expiresAt)) {
                    expiresAt = procoreExpiry;
                }
            }
        }
        return new AccessToken(value, tokenType, expiresAt, refresh, created);
    }

    /** Parses a {@code /oauth/token/info} answer received at {@code receivedAt}. */
    static TokenInfo tokenInfo(int status, String body, Instant receivedAt) {
        JsonObject json = object(status, body, "token info endpoint");
        Long owner = number(json, "resource_owner_id", status);
        String app = null;
        JsonValue application = json.get("application");
        if (application instanceof JsonObject o) {
            app = Json.string(o, "uid");
        }
        Long expiresIn = number(json, "expires_in_seconds", status);
        if (expiresIn == null) {
            expiresIn = number(json, "expires_in", status);
        }
        if (expiresIn != null && (expiresIn < 0 || expiresIn > MAX_EXPIRES_IN_SECONDS)) {
            throw malformed(status, "has an expires_in of " + expiresIn + " s, outside 0.." + MAX_EXPIRES_IN_SECONDS);
        }
        Long createdAt = number(json, "created_at", status);
        if (createdAt != null && Math.abs(createdAt - receivedAt.getEpochSecond()) > MAX_EXPIRES_IN_SECONDS) {
            throw malformed(status, "has a created_at of " + createdAt + ", not a time near now");
        }
        Instant created = createdAt == null ? null : Instant.ofEpochSecond(createdAt);
        Instant expires = expiresIn == null ? null : receivedAt.plusSeconds(expiresIn);
        return new TokenInfo(owner, app, created, expires);
    }

    private static JsonObject object(int status, String body, String what) {
        if (body != null && Json.tooDeep(body)) {
            throw new ProcoreTokenException("Procore " + what + " answered " + status + " with a body nested deeper than "
                    + Json.MAX_DEPTH + " levels, not a token answer", status, null, null, null);
        }
        JsonObject json = Json.tryObject(body);
        if (json == null) {
            throw new ProcoreTokenException("Procore " + what + " answered " + status + " with a body that is not a JSON object",
                    status, null, null, null);
        }
        return json;
    }

    private static Long number(JsonObject json, String name, int status) {
        JsonValue v = json.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        try {
            if (v instanceof JsonNumber n) {
                return n.longValueExact();
            }
            if (v instanceof JsonString s) {
                return Long.parseLong(s.getString().trim());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // fall through
        }
        throw malformed(status, "has a " + name + " that is not a whole number");
    }

    private static ProcoreTokenException malformed(int status, String what) {
        return new ProcoreTokenException("Procore token endpoint answered " + status + " with a token response that " + what,
                status, null, null, null);
    }
}
