package io.github.procorecdi.samples.webapp;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreWebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The webhook events Procore sent (the newest 50): an observer of connection "default"'s deliveries. It runs before
 * Procore gets its answer, so it only records; real work belongs in an {@code @ObservesAsync} observer.
 */
@ApplicationScoped
public class ReceivedEvents {
    private static final int KEEP = 50;
    private final Deque<ProcoreWebhookEvent> events = new ArrayDeque<>();

    void received(@Observes @ProcoreClient ProcoreWebhookEvent event) {
        synchronized (events) {
            events.addFirst(event);
            while (events.size() > KEEP) {
                events.removeLast();
            }
        }
    }

    /** @return the events, newest first */
    public List<ProcoreWebhookEvent> newestFirst() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }
}
