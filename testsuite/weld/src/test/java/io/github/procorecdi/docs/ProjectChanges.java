package io.github.procorecdi.docs;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreWebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

/** docs/webhooks.md. */
@ApplicationScoped
public class ProjectChanges {
    private static final String MY_APP_ID = "my-app";
    private final ChangeQueue queue = (name, id, type) -> { };

    void changed(@Observes @ProcoreClient ProcoreWebhookEvent event) {        // before Procore gets its answer
        if (MY_APP_ID.equals(event.sourceApplicationId())) return;             // our own write
        queue.add(event.resourceName(), event.resourceId(), event.eventType());
    }
    void later(@ObservesAsync @ProcoreClient ProcoreWebhookEvent event) {     // after the 200
        // ... fetch the changed resource through an injected client ...
    }

    /** Where the application keeps what changed. */
    interface ChangeQueue {
        void add(String resourceName, String resourceId, String eventType);
    }
}
