package io.github.procorecdi.servers.redeploy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.servers.app.AsyncCompaniesApi;
import io.github.procorecdi.servers.app.CompaniesApi;
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
 * that have one as their context class loader).
 */
@WebServlet(urlPatterns = {"/call", "/threads", "/state"})
public class RedeployServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject @ProcoreClient("redeploy") CompaniesApi companies;
    @Inject @ProcoreClient("redeploy") ProcoreConnection connection;

    @Override
    public void init() throws ServletException {
        DeploymentLoaders.register(getClass().getClassLoader());
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
        try {
            int alive = DeploymentLoaders.aliveExcept(getClass().getClassLoader());
            List<String> threads = DeploymentLoaders.procoreThreads();
            ClassLoader own = getClass().getClassLoader();
            resp.getWriter().write("loaders=" + alive + " deployments=" + DeploymentLoaders.registered() + " threads=" + threads.size()
                    + " " + threads + (alive == 0 ? "" : " alive=" + DeploymentLoaders.aliveDeployments(own) + " held as context by "
                    + DeploymentLoaders.threadsHolding(own) + "; JDK HTTP client threads " + DeploymentLoaders.httpClientThreads()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            resp.setStatus(500);
        }
    }
}
