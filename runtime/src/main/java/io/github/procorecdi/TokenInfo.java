package io.github.procorecdi;

import java.time.Instant;

/**
 * What Procore's {@code GET /oauth/token/info} tells about the current access token.
 *
 * @param resourceOwnerId the Procore user id the token acts for, or {@code null} (service accounts)
 * @param applicationUid  the client id of the application the token was issued to, or {@code null}
 * @param createdAt       when the token was issued
 * @param expiresAt       when the token expires
 */
public record TokenInfo(Long resourceOwnerId, String applicationUid, Instant createdAt, Instant expiresAt) {
}
