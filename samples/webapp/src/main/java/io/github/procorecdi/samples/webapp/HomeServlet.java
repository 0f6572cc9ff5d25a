package io.github.procorecdi.samples.webapp;

import java.io.IOException;

import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreClient;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The home page: a sign-in link, or the signed-in user's companies. */
@WebServlet("")
public class HomeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    @ProcoreClient
    ProcoreApi procore;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String ctx = req.getContextPath();
        Me me;
        try {
            me = procore.me();
        } catch (ProcoreAuthorizationRequiredException e) {
            Html.page(resp, 200, "Procore sample", "<p>You are not signed in.</p><p><a id=\"sign-in\" href=\"" + ctx
                    + "/procore/login\">Sign in with Procore</a></p>");
            return;
        }
        StringBuilder body = new StringBuilder("<p id=\"user\">Signed in as " + Html.esc(me.name()) + " (" + Html.esc(me.login())
                + ")</p><h2>Your companies</h2><ul id=\"companies\">");
        for (Company c : procore.companies()) {
            body.append("<li><a href=\"").append(ctx).append("/projects?company=").append(c.id()).append("\">")
                    .append(Html.esc(c.name())).append("</a></li>");
        }
        // sign-out is a POST from this page: a link or an image elsewhere cannot sign anyone out
        body.append("</ul><form method=\"post\" action=\"").append(ctx)
                .append("/procore/logout\"><button id=\"sign-out\" type=\"submit\">Sign out</button></form>");
        Html.page(resp, 200, "Procore sample", body.toString());
    }
}
