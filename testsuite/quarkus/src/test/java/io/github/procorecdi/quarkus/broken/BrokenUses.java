package io.github.procorecdi.quarkus.broken;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.quarkus.CompaniesApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Injection points of connections that are configured wrongly or not at all: only ConfigurationErrorTest's application
 * has this bean (application.properties excludes the package from the other tests' application).
 */
@ApplicationScoped
public class BrokenUses {
    @Inject @ProcoreClient("broken") CompaniesApi companies;
    @Inject @ProcoreClient("unconfigured") ProcoreConnection unconfigured;
}
