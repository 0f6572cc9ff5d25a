package io.github.procorecdi.it;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** An application bean using several connections, as a user's code would. */
@Dependent
public class ServiceAccountClients {
    @Inject @ProcoreClient CompaniesApi companies;
    @Inject @ProcoreClient ProjectsApi projects;
    @Inject @ProcoreClient ProcoreConnection connection;

    @Inject @ProcoreClient("second") CompaniesApi secondCompanies;
    @Inject @ProcoreClient("second") ProcoreConnection second;

    @Inject @ProcoreClient("storm") CompaniesApi stormCompanies;
    @Inject @ProcoreClient("storm") ProcoreConnection storm;

    @Inject @ProcoreClient("short") CompaniesApi shortLived;
    @Inject @ProcoreClient("short") ProcoreConnection shortConnection;

    @Inject @ProcoreClient("user") ProcoreConnection user;
    @Inject @ProcoreClient("user") CompaniesApi userCompanies;

    @Inject @ProcoreClient AnnotatedApi annotated;
}
