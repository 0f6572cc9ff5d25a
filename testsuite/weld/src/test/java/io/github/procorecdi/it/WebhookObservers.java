package io.github.procorecdi.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreWebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

/** Records the webhook events of connection "default"; can be told to fail or to be slow. */
@ApplicationScoped
public class WebhookObservers {
    static final List<ProcoreWebhookEvent> HANDLED = new CopyOnWriteArrayList<>();
    static final List<ProcoreWebhookEvent> ASYNC = new CopyOnWriteArrayList<>();
    static final AtomicInteger FAILURES_TO_COME = new AtomicInteger();
    static final AtomicInteger SYNC_CALLS = new AtomicInteger();
    static final AtomicLong SYNC_MILLIS = new AtomicLong();
    static final AtomicLong ASYNC_MILLIS = new AtomicLong();

    static void reset() {
        HANDLED.clear();
        ASYNC.clear();
        FAILURES_TO_COME.set(0);
        SYNC_CALLS.set(0);
        SYNC_MILLIS.set(0);
        ASYNC_MILLIS.set(0);
    }

    void changed(@Observes @ProcoreClient ProcoreWebhookEvent event) throws InterruptedException {
        SYNC_CALLS.incrementAndGet();
        Thread.sleep(SYNC_MILLIS.get());
        if (FAILURES_TO_COME.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("observer failing on purpose");
        }
        HANDLED.add(event);
    }

    void later(@ObservesAsync @ProcoreClient ProcoreWebhookEvent event) throws InterruptedException {
        Thread.sleep(ASYNC_MILLIS.get());
        ASYNC.add(event);
    }
}
