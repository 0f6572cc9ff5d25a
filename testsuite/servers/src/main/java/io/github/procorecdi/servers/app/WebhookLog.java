package io.github.procorecdi.servers.app;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreWebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Observes connection "hooks"' webhook events; {@code /webhook-log} shows them. */
@ApplicationScoped
public class WebhookLog {
    private final List<String> sync = new CopyOnWriteArrayList<>();
    private final List<String> async = new CopyOnWriteArrayList<>();

    void changed(@Observes @ProcoreClient("hooks") ProcoreWebhookEvent event) {
        sync.add(event.eventType() + " " + event.resourceName() + " " + event.resourceId());
    }

    void later(@ObservesAsync @ProcoreClient("hooks") ProcoreWebhookEvent event) {
        async.add(event.ulid());
    }

    /** @return what the page shows (through a method: fields of an application-scoped bean are not read through its proxy) */
    String describe() {
        return "sync=" + sync + " async=" + async.size();
    }

    /** The page. */
    @WebServlet("/webhook-log")
    public static class Page extends HttpServlet {
        private static final long serialVersionUID = 1L;
        @Inject WebhookLog log;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().write(log.describe());
        }
    }
}
