package io.github.procorecdi;

import java.time.Instant;
import java.util.Objects;

/**
 * A Procore access token, with its refresh token when the grant issues one.
 * Immutable. {@link #toString()} never shows the token values.
 *
 * @param value        the bearer access token (secret)
 * @param tokenType    the token type, {@code bearer} for Procore
 * @param expiresAt    when the access token stops being accepted
 * @param refreshToken the single-use refresh token (secret), or {@code null} (client credentials)
 * @param createdAt    when Procore issued the token
 */
public record AccessToken(String value, String tokenType, Instant expiresAt, String refreshToken, Instant createdAt) {

    /** Validates the components. */
    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(createdAt, "createdAt");
        if (value.isBlank()) {
            throw new IllegalArgumentException("access token value is blank");
        }
    }

    /**
     * @param now the instant to compare with
     * @return whether the access token has expired at {@code now}
     */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** @return whether a refresh token came with this access token */
    public boolean hasRefreshToken() {
        return refreshToken != null;
    }

    @Override
    public String toString() {
        return "AccessToken[tokenType=" + tokenType + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt
                + ", refreshToken=" + (refreshToken == null ? "none" : "present") + "]";
    }
}
