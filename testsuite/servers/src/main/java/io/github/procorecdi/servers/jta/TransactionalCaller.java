package io.github.procorecdi.servers.jta;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.servers.app.CompaniesApi;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** A CDI bean calling Procore inside a {@code @Transactional} method. */
@ApplicationScoped
public class TransactionalCaller {
    @Inject
    @ProcoreClient(JtaServlet.CONNECTION)
    CompaniesApi companies;

    @Inject
    @ProcoreClient(JtaServlet.CONNECTION)
    ProcoreConnection connection;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Transactional
    public String call() {
        return JtaServlet.describe(companies, connection, transactions);
    }

    /** Calls, then marks the caller's transaction rollback-only: whatever the store committed must stay. */
    @Transactional
    public String callAndRollBack() {
        String answer = JtaServlet.describe(companies, connection, transactions);
        transactions.setRollbackOnly();
        return answer;
    }
}
