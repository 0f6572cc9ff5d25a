package io.github.procorecdi.servers.jta;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.servers.app.CompaniesApi;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** An EJB calling Procore: its methods run in a container-managed transaction (REQUIRED, the default). */
@Stateless
public class StatelessCaller {
    @Inject
    @ProcoreClient(JtaServlet.CONNECTION)
    CompaniesApi companies;

    @Inject
    @ProcoreClient(JtaServlet.CONNECTION)
    ProcoreConnection connection;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public String call() {
        return JtaServlet.describe(companies, connection, transactions);
    }
}
