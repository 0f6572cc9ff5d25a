package io.github.procorecdi.simulator;

import jakarta.json.JsonObject;

/**
 * One delivery attempt of a webhook event by the simulator.
 *
 * @param hookId  the hook
 * @param ulid    the event's ULID (the same on every attempt)
 * @param attempt 1 for the first delivery, 2 for the first retry, ...
 * @param status  the HTTP status answered; 0 when no answer came within 5 seconds, -1 when the connection failed
 * @param millis  how long the attempt took
 * @param payload the event sent
 */
public record WebhookDelivery(long hookId, String ulid, int attempt, int status, long millis, JsonObject payload) {
    /** @return whether Procore would count it delivered (a 2xx within 5 seconds) */
    public boolean delivered() {
        return status >= 200 && status < 300;
    }
}
