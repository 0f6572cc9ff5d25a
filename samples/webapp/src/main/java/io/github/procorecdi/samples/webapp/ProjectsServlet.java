package io.github.procorecdi.samples.webapp;

import java.io.IOException;
import java.util.List;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreAppNotConnectedException;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreRateLimitException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;

/** The projects of one company, a page at a time ({@code ?company=<id>&page=<n>}). */
@WebServlet("/projects")
public class ProjectsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int PER_PAGE = 100;

    @Inject
    @ProcoreClient
    ProcoreApi procore;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String ctx = req.getContextPath();
        long company;
        int page;
        try {
            company = Long.parseLong(req.getParameter("company"));
            page = req.getParameter("page") == null ? 1 : Math.max(1, Integer.parseInt(req.getParameter("page")));
        } catch (NumberFormatException e) {
            Html.error(resp, 400, ctx, "Which company? Pick one on the home page.");
            return;
        }
        try {
            String name = companyName(company);
            List<Project> projects;
            int total;
            boolean hasNext;
            try (Response answer = procore.projectsPage(company, company, page, PER_PAGE)) {
                projects = answer.readEntity(new GenericType<List<Project>>() { });
                total = parseTotal(answer.getHeaderString("Total"), projects.size());
                hasNext = answer.getLink("next") != null || String.valueOf(answer.getHeaderString("Link")).contains("rel=\"next\"");
            }
            int first = (page - 1) * PER_PAGE + 1;
            StringBuilder body = new StringBuilder("<p id=\"range\">");
            body.append(projects.isEmpty() ? "No projects" : "Projects " + first + "-" + (first + projects.size() - 1) + " of " + total)
                    .append("</p><ul id=\"projects\">");
            projects.forEach(p -> body.append("<li>").append(Html.esc(p.name())).append("</li>"));
            body.append("</ul><p>");
            String base = ctx + "/projects?company=" + company + "&amp;page=";
            if (page > 1) {
                body.append("<a id=\"previous\" href=\"").append(base).append(page - 1).append("\">Previous page</a> ");
            }
            if (hasNext) {
                body.append("<a id=\"next\" href=\"").append(base).append(page + 1).append("\">Next page</a> ");
            }
            body.append("<a href=\"").append(ctx).append("/\">All companies</a> &middot; <a href=\"").append(ctx)
                    .append("/events\">Webhook events</a></p><form method=\"post\" action=\"").append(ctx).append("/projects?company=")
                    .append(company).append("\"><input id=\"new-name\" name=\"name\" placeholder=\"New project name\" required> ")
                    .append("<button id=\"create\" type=\"submit\">Create project</button></form>");
            Html.page(resp, 200, name, body.toString());
        } catch (ProcoreAuthorizationRequiredException e) {
            resp.sendRedirect(ctx + "/procore/login");
        } catch (ProcoreAppNotConnectedException e) {
            Html.error(resp, 403, ctx, "This app is not installed in company " + company
                    + ". A company admin can install it from Procore's App Marketplace.");
        } catch (ProcoreRateLimitException e) {
            Html.error(resp, 503, ctx, "Procore's rate limit is spent until " + e.resetAt() + ". Try again then.");
        } catch (ProcoreApiException e) {
            Html.error(resp, e.status() == 403 || e.status() == 404 ? e.status() : 502, ctx, "Procore said: " + e.getMessage());
        }
    }

    /** Creates a project in the company, then shows /events, where Procore's webhook event about it arrives. */
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String ctx = req.getContextPath();
        String origin = req.getHeader("Origin");
        if (origin != null && !origin.equals(req.getScheme() + "://" + req.getHeader("Host"))) {
            Html.error(resp, 403, ctx, "That form did not come from this application.");
            return;
        }
        long company;
        try {
            company = Long.parseLong(req.getParameter("company"));
        } catch (NumberFormatException e) {
            Html.error(resp, 400, ctx, "Which company? Pick one on the home page.");
            return;
        }
        String name = req.getParameter("name");
        if (name == null || name.isBlank()) {
            Html.error(resp, 400, ctx, "A project needs a name.");
            return;
        }
        try {
            procore.createProject(company, java.util.Map.of("company_id", company, "project", java.util.Map.of("name", name.trim())));
            resp.sendRedirect(ctx + "/events"); // where its webhook event shows up
        } catch (ProcoreAuthorizationRequiredException e) {
            resp.sendRedirect(ctx + "/procore/login");
        } catch (ProcoreApiException e) {
            Html.error(resp, e.status() == 422 ? 422 : 502, ctx, "Procore said: " + e.getMessage());
        }
    }

    /** The company's name from the signed-in user's companies, else its id. */
    private String companyName(long id) {
        return procore.companies().stream().filter(c -> c.id() == id).map(Company::name).findFirst().orElse("Company " + id);
    }

    private static int parseTotal(String header, int fallback) {
        try {
            return header == null ? fallback : Integer.parseInt(header.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
