package io.github.procorecdi.servers.redeploy.control;

import java.io.IOException;

import io.github.procorecdi.servers.redeploy.loaders.DeploymentLoaders;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The control of the redeploy test: a WAR without procore-cdi (this servlet and {@link DeploymentLoaders} only, with the
 * same {@code beans.xml}), deployed and undeployed the same way, whose class loaders go to a list of their own.
 * {@code /call}: answers; {@code /state}: as the redeploy application's; {@code /workers}: the server's request threads
 * ({@code DeploymentLoaders.serverWorkers}); {@code /dump?file=}: a heap dump of the server.
 */
@WebServlet(urlPatterns = {"/call", "/state", "/dump", "/workers"})
public class ControlServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final DeploymentLoaders LOADERS = new DeploymentLoaders(DeploymentLoaders.CONTROL);

    @Override
    public void init() throws ServletException {
        LOADERS.register(getClass().getClassLoader());
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        if (req.getServletPath().equals("/call")) {
            resp.getWriter().write("control");
            return;
        }
        if (req.getServletPath().equals("/workers")) {
            resp.getWriter().write(String.join(",", DeploymentLoaders.serverWorkers()));
            return;
        }
        if (req.getServletPath().equals("/dump")) {
            DeploymentLoaders.dumpHeap(req.getParameter("file"));
            resp.getWriter().write("dumped");
            return;
        }
        try {
            resp.getWriter().write(LOADERS.state(getClass().getClassLoader()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.setStatus(500);
        }
    }
}
