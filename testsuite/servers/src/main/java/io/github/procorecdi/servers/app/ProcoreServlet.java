package io.github.procorecdi.servers.app;

import java.io.IOException;
import java.util.stream.Collectors;

import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Pages of the test application, each calling Procore through an injected client. */
@WebServlet(urlPatterns = {"/dmsa", "/env", "/me", "/store", "/startup"})
public class ProcoreServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject @ProcoreClient("dmsa") CompaniesApi dmsa;
    @Inject @ProcoreClient("dmsa") ProcoreConnection dmsaConnection;
    @Inject @ProcoreClient("env") CompaniesApi env;
    @Inject @ProcoreClient("web") CompaniesApi web;
    @Inject @ProcoreClient("stored") CompaniesApi stored;
    @Inject AppTokenStore store;
    @Inject StartupCalls startup;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        switch (req.getServletPath()) {
            case "/dmsa" -> resp.getWriter().write(names(dmsa) + " | " + dmsaConnection.grantType() + " | "
                    + dmsaConnection.tokenInfo().applicationUid());
            case "/env" -> resp.getWriter().write(names(env));
            case "/store" -> resp.getWriter().write(names(stored) + " | saves=" + store.saves());
            case "/startup" -> resp.getWriter().write(startup.outcomes());
            default -> {
                try {
                    resp.getWriter().write("Hello " + web.me().name());
                } catch (ProcoreAuthorizationRequiredException e) {
                    resp.setStatus(401);
                    resp.getWriter().write("Sign in first");
                }
            }
        }
    }

    private static String names(CompaniesApi api) {
        return api.list().stream().map(Company::name).collect(Collectors.joining(", "));
    }
}
