package io.github.procorecdi.extension;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreWebhookEvent;
import io.github.procorecdi.webhooks.WebhookEvents;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanContainer;

/** A connection's webhook events as CDI events qualified {@code @ProcoreClient("<name>")}, handed to the runtime. */
final class CdiWebhookEvents implements WebhookEvents {
    private static final Logger LOG = Logger.getLogger(CdiWebhookEvents.class.getName());
    private final String name;
    private final Event<ProcoreWebhookEvent> event;

    CdiWebhookEvents(String name, BeanContainer beanManager) {
        this.name = name;
        this.event = beanManager.getEvent().select(ProcoreWebhookEvent.class, ProcoreClient.Literal.of(name));
    }

    @Override
    public void fire(ProcoreWebhookEvent e) {
        event.fire(e);
    }

    @Override
    public void fireAsync(ProcoreWebhookEvent e) {
        event.fireAsync(e).exceptionally(failure -> {
            LOG.log(Level.WARNING, "Procore connection ''{0}'': an asynchronous observer of webhook event {1} failed: {2}",
                    new Object[] {name, e, failure.toString()});
            return null;
        });
    }
}
