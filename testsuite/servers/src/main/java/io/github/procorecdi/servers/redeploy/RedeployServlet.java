package io.github.procorecdi.servers.redeploy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.servers.app.AsyncCompaniesApi;
import io.github.procorecdi.servers.app.CompaniesApi;
import io.github.procorecdi.servers.redeploy.loaders.DeploymentLoaders;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The application the redeploy test deploys again and again. {@code /call}: one synchronous and one
 * {@code CompletionStage} call of connection {@code redeploy} (its token renewed ahead of expiry by the connection's
 * threads when calls go on). {@code /threads}: the {@code procore-*} threads the server runs. {@code /state}: after forced garbage collections, how many class loaders of earlier
 * deployments are still alive, and which {@code procore-*} threads the server runs:
 * {@code loaders=<n> deployments=<n> threads=<n> [names]} (then, if loaders are alive, which deployments and the threads
 * that have one as their context class loader). {@code /workers}: the server's request threads
 * ({@code DeploymentLoaders.serverWorkers}); {@code /dump?file=}: a heap dump of the server (diagnostics).
 */
@WebServlet(urlPatterns = {"/call", "/threads", "/state", "/dump", "/workers"})
public class RedeployServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final DeploymentLoaders LOADERS = new DeploymentLoaders(DeploymentLoaders.PROCORE);

    @Inject @ProcoreClient("redeploy") CompaniesApi companies;
    @Inject @ProcoreClient("redeploy") ProcoreConnection connection;

    @Override
    public void init() throws ServletException {
        LOADERS.register(getClass().getClassLoader());
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        if (req.getServletPath().equals("/call")) {
            int sync = companies.list().size();
            AsyncCompaniesApi async = connection.client(AsyncCompaniesApi.class);
            try {
                int later = async.list().toCompletableFuture().get(30, TimeUnit.SECONDS).size();
                resp.getWriter().write("companies " + sync + " " + later);
            } catch (Exception e) {
                resp.setStatus(500);
                resp.getWriter().write("failed " + e);
            } finally {
                try {
                    ((AutoCloseable) async).close();
                } catch (Exception e) {
                    // closing a client fails only if it is closed already
                }
            }
            return;
        }
        if (req.getServletPath().equals("/threads")) {
            List<String> threads = DeploymentLoaders.procoreThreads();
            resp.getWriter().write("threads=" + threads.size() + " " + threads);
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
