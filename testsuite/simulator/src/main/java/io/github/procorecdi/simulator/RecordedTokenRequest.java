package io.github.procorecdi.simulator;

import java.time.Instant;

/**
 * A {@code POST /oauth/token} the simulator served, with when it arrived and when its answer was sent: who asked
 * (its {@code User-Agent}, e.g. one per node of a cluster) and how long the token endpoint was busy with it. Carries
 * no token, code or secret.
 *
 * @param grantType  the form's {@code grant_type}, or {@code null}
 * @param userAgent  the request's {@code User-Agent}, or {@code null}
 * @param status     the status answered (0: the answer was dropped, or none was sent)
 * @param receivedAt when the request arrived (before its form was read)
 * @param answeredAt when the answer was sent, or the connection dropped
 */
public record RecordedTokenRequest(String grantType, String userAgent, int status, Instant receivedAt, Instant answeredAt) {
}
