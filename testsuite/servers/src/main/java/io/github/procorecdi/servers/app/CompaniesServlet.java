package io.github.procorecdi.servers.app;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.github.procorecdi.ProcoreAppNotConnectedException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Many companies through one service account: {@code /companies} lists each company's projects through
 * {@code forCompany}; {@code /tenant?company=<id>&calls=<n>} calls one company n times and reports each outcome
 * (a disconnected company: {@code ProcoreAppNotConnectedException}).
 */
@WebServlet(urlPatterns = {"/companies", "/tenant", "/async"})
public class CompaniesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject @ProcoreClient("dmsa") CompaniesApi companies;
    @Inject @ProcoreClient("dmsa") ProcoreConnection dmsa;
    @Inject @ProcoreClient("tenants") ProcoreConnection tenants;

    @Override
    @SuppressWarnings("try") // the client is closed at the end of the block, never referenced in it
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        if (req.getServletPath().equals("/companies")) {
            List<String> counts = new ArrayList<>();
            for (Company c : companies.list()) {
                counts.add(c.id() + ":" + dmsa.forCompany(c.id()).client(ProjectsApi.class).list(c.id()).size());
            }
            resp.getWriter().write(String.join(", ", counts));
            return;
        }
        if (req.getServletPath().equals("/async")) {
            AsyncCompaniesApi api = dmsa.client(AsyncCompaniesApi.class);
            try (AutoCloseable closing = (AutoCloseable) api) {
                List<Company> list = api.list().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
                resp.getWriter().write("async " + list.size());
            } catch (Exception e) {
                resp.getWriter().write("failed " + e);
            }
            return;
        }
        long company = Long.parseLong(req.getParameter("company"));
        int calls = Integer.parseInt(req.getParameter("calls"));
        ProjectsApi projects = tenants.forCompany(company).client(ProjectsApi.class);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            try {
                outcomes.add("ok " + projects.list(company).size());
            } catch (ProcoreAppNotConnectedException e) {
                outcomes.add("not connected " + e.companyId());
            }
        }
        resp.getWriter().write(String.join(", ", outcomes));
    }
}
