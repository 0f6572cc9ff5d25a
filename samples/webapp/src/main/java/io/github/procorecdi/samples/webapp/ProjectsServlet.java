package io.github.procorecdi.samples.webapp;

import java.io.IOException;
import java.util.List;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreClient;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The projects of one company. */
@WebServlet("/projects")
public class ProjectsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    @ProcoreClient
    ProcoreApi procore;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long company;
        try {
            company = Long.parseLong(req.getParameter("company"));
        } catch (NumberFormatException e) {
            Html.page(resp, 400, "Projects", "<p>Which company? Go back to the <a href=\"" + req.getContextPath() + "/\">home page</a>.</p>");
            return;
        }
        try {
            List<Project> projects = procore.projects(company, company, 100);
            StringBuilder body = new StringBuilder("<p>" + projects.size() + " projects (first page)</p><ul id=\"projects\">");
            projects.forEach(p -> body.append("<li>").append(Html.esc(p.name())).append("</li>"));
            body.append("</ul><p><a href=\"").append(req.getContextPath()).append("/\">Back</a></p>");
            Html.page(resp, 200, "Projects of company " + company, body.toString());
        } catch (ProcoreAuthorizationRequiredException e) {
            resp.sendRedirect(req.getContextPath() + "/procore/login");
        } catch (ProcoreApiException e) {
            Html.page(resp, e.status() == 403 ? 403 : 502, "Projects", "<p>Procore said: " + Html.esc(e.getMessage()) + "</p>");
        }
    }
}
