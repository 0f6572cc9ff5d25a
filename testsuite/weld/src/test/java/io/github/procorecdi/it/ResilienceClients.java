package io.github.procorecdi.it;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

@Dependent
public class ResilienceClients {
    @Inject @ProcoreClient CompaniesApi companies;
    @Inject @ProcoreClient ProjectsPagesApi projects;
    @Inject @ProcoreClient ProcoreConnection connection;

    @Inject @ProcoreClient("once") CompaniesApi onceCompanies;
    @Inject @ProcoreClient("timeout") CompaniesApi slowCompanies;

    @Inject @ProcoreClient("paced") CompaniesApi pacedCompanies;
    @Inject @ProcoreClient("paced") CompanyAnswersApi pacedAnswers;

    @Inject @ProcoreClient("far") CompaniesApi farCompanies;
}
