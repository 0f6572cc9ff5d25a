package io.github.procorecdi.samples.webapp;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The webhook events received, refreshed every 2 seconds. */
@WebServlet("/events")
public class EventsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    ReceivedEvents received;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        StringBuilder body = new StringBuilder("<meta http-equiv=\"refresh\" content=\"2\"><p>Events Procore sent to this app's webhook "
                + "endpoint, newest first (this page refreshes itself).</p><ul id=\"events\">");
        received.newestFirst().forEach(e -> body.append("<li>").append(Html.esc(e.eventType() + " " + e.resourceName() + " "
                + e.resourceId() + " in company " + e.companyId() + (e.timestamp() != null ? " at " + e.timestamp() : ""))).append("</li>"));
        body.append("</ul><p><a href=\"").append(req.getContextPath()).append("/\">Home</a></p>");
        Html.page(resp, 200, "Webhook events", body.toString());
    }
}
