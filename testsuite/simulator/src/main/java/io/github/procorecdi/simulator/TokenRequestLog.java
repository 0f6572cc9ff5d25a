package io.github.procorecdi.simulator;

import java.time.Instant;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * The token requests served, oldest first (the last {@value Recent#MAX}): for tests that count a node's requests by its
 * {@code User-Agent}, and for measurements that need the instants the token endpoint was busy. Thread-safe.
 */
final class TokenRequestLog extends Recent<RecordedTokenRequest> {
    /** @return the requests as JSON, instants in epoch microseconds, for {@code GET /_simulator/token-requests} */
    JsonArray json() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (RecordedTokenRequest r : list()) {
            JsonObjectBuilder o = Json.createObjectBuilder();
            if (r.grantType() != null) {
                o.add("grant_type", r.grantType());
            }
            if (r.userAgent() != null) {
                o.add("user_agent", r.userAgent());
            }
            list.add(o.add("status", r.status()).add("received_at_micros", micros(r.receivedAt()))
                    .add("answered_at_micros", micros(r.answeredAt())));
        }
        return list.build();
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
