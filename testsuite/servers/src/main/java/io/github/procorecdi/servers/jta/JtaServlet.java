package io.github.procorecdi.servers.jta;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.stream.Collectors;

import javax.naming.InitialContext;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.servers.app.CompaniesApi;
import io.github.procorecdi.servers.app.Company;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * {@code /call?via=ejb} and {@code /call?via=transactional} call Procore through connection {@value #CONNECTION} (jdbc
 * store on a server data source) from inside a JTA transaction ({@code via=rollback}: one that is rolled back);
 * {@code /call?via=row} reads the stored access token
 * straight from the table (no transaction), so that the test can tell what the store holds.
 */
@WebServlet("/call")
public class JtaServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String CONNECTION = "jtastore";

    @Inject
    StatelessCaller ejb;

    @Inject
    TransactionalCaller transactional;

    @Inject
    @ConfigProperty(name = "procore.jtastore.token-store.datasource", defaultValue = "java:comp/DefaultDataSource")
    String dataSource;

    @Inject
    @ConfigProperty(name = "procore.jtastore.token-store.table")
    String table;

    /** @return what one call inside the caller's transaction saw: the companies, the transaction, the token used */
    static String describe(CompaniesApi companies, ProcoreConnection connection, TransactionSynchronizationRegistry transactions) {
        String names = companies.list().stream().map(Company::name).collect(Collectors.joining(", "));
        String tx = transactions.getTransactionStatus() == Status.STATUS_ACTIVE ? "in transaction" : "NO transaction";
        return names + " | " + tx + " | token=" + connection.accessToken().value();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain;charset=UTF-8");
        String via = req.getParameter("via");
        try {
            String answer = switch (String.valueOf(via)) {
                case "ejb" -> ejb.call();
                case "transactional" -> transactional.call();
                case "rollback" -> transactional.callAndRollBack();
                case "row" -> row();
                default -> throw new IllegalArgumentException("via=ejb|transactional|row");
            };
            resp.getWriter().write(answer);
        } catch (Exception e) {
            resp.setStatus(500);
            StringBuilder sb = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
            }
            resp.getWriter().write(sb.toString());
        }
    }

    private String row() throws Exception {
        DataSource ds = (DataSource) new InitialContext().lookup(dataSource);
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT access_token FROM " + table + " WHERE connection_name LIKE ?")) {
            s.setString(1, CONNECTION + "@%");
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? "token=" + r.getString(1) : "no row";
            }
        }
    }
}
