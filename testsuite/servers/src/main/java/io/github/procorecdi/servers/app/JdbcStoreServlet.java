package io.github.procorecdi.servers.app;

import java.io.IOException;
import java.util.stream.Collectors;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Calls Procore through connection {@code jdbcstored} ({@code token-store=jdbc} on a server data
 * source) when the server's test configures it; 404 otherwise.
 */
@WebServlet("/jdbc")
public class JdbcStoreServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    @ProcoreClient("jdbcstored")
    Instance<ProcoreConnection> connection;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!connection.isResolvable()) {
            resp.sendError(404, "connection jdbcstored is not configured on this server");
            return;
        }
        CompaniesApi api = connection.get().client(CompaniesApi.class);
        try {
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().write(api.list().stream().map(Company::name).collect(Collectors.joining(", ")) + " | token "
                    + (connection.get().accessToken().equals(connection.get().accessToken()) ? "reused" : "changed"));
        } finally {
            try {
                ((AutoCloseable) api).close();
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
