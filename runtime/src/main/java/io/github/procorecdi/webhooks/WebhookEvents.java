package io.github.procorecdi.webhooks;

import io.github.procorecdi.ProcoreWebhookEvent;

/**
 * Where a connection's webhook events go: the container hands the runtime this sink (in CDI, events qualified
 * {@code @ProcoreClient("<name>")}); the runtime never looks up observers itself.
 */
public interface WebhookEvents {
    /** Drops every event (no container). */
    WebhookEvents NONE = new WebhookEvents() {
        @Override
        public void fire(ProcoreWebhookEvent event) {
        }

        @Override
        public void fireAsync(ProcoreWebhookEvent event) {
        }
    };

    /** Runs the synchronous observers; an exception from one propagates. */
    void fire(ProcoreWebhookEvent event);

    /** Starts the asynchronous observers and returns at once. */
    void fireAsync(ProcoreWebhookEvent event);
}
