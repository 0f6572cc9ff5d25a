package io.github.procorecdi.servers.app;

import java.io.IOException;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreClient;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /ft?method=retried|plain}: one call of that method, reporting its outcome (the test counts the sends). */
@WebServlet("/ft")
public class FaultToleranceServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject @ProcoreClient("dmsa") RetriedCompaniesApi api;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        try {
            int size = "retried".equals(req.getParameter("method")) ? api.retried().size() : api.plain().size();
            resp.getWriter().write("ok " + size);
        } catch (ProcoreApiException e) {
            resp.getWriter().write("failed " + e.status());
        }
    }
}
