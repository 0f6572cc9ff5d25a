package io.github.procorecdi.quarkus;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An application bean with the injection points a Quarkus application would have. */
@ApplicationScoped
public class ProcoreUses {
    /** Connection "default": client credentials, memory store. */
    @Inject @ProcoreClient CompaniesApi companies;
    /** Connection "x": client credentials, its {@link ProcoreConnection} for forCompany/forSubject. */
    @Inject @ProcoreClient("x") ProcoreConnection x;
    @Inject @ProcoreClient("x") ProjectsV2Api v2;
    /** Connection "stored": client credentials, jdbc store on PostgreSQL by jdbc-url. */
    @Inject @ProcoreClient("stored") CompaniesApi stored;
    @Inject @ProcoreClient("stored") ProcoreConnection storedConnection;

    public CompaniesApi companies() {
        return companies;
    }

    public ProcoreConnection x() {
        return x;
    }

    public ProjectsV2Api v2() {
        return v2;
    }

    public CompaniesApi stored() {
        return stored;
    }

    public ProcoreConnection storedConnection() {
        return storedConnection;
    }
}
