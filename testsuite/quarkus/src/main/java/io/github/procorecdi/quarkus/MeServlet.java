package io.github.procorecdi.quarkus;

import java.io.IOException;

import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreClient;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Calls Procore as the session's subject of the authorization-code connection "web". */
@WebServlet("/me")
public class MeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject @ProcoreClient("web") CompaniesApi web;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        try {
            resp.getWriter().write("Hello " + web.me().name());
        } catch (ProcoreAuthorizationRequiredException e) {
            resp.setStatus(401);
            resp.getWriter().write("Sign in first");
        }
    }
}
