package io.github.procorecdi.quarkus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreWebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

/** Webhook deliveries of connection "x" as CDI events, synchronous and asynchronous. */
@ApplicationScoped
public class WebhookLog {
    private final List<String> sync = new CopyOnWriteArrayList<>();
    private final List<String> async = new CopyOnWriteArrayList<>();
    private final List<String> other = new CopyOnWriteArrayList<>();

    void onX(@Observes @ProcoreClient("x") ProcoreWebhookEvent e) {
        sync.add(e.ulid() + " " + e.eventType() + " " + e.resourceName() + " " + e.resourceId());
    }

    void onXLater(@ObservesAsync @ProcoreClient("x") ProcoreWebhookEvent e) {
        async.add(e.ulid());
    }

    void onDefault(@Observes @ProcoreClient ProcoreWebhookEvent e) {
        other.add(e.ulid());
    }

    public List<String> sync() {
        return sync;
    }

    public List<String> async() {
        return async;
    }

    /** @return the events qualified for another connection ("default"): none of x's may arrive there */
    public List<String> other() {
        return other;
    }
}
