package io.github.procorecdi.quarkus;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The connections of the features proven on Quarkus beyond client credentials (see application.properties). */
@ApplicationScoped
public class FeatureUses {
    /** token-store=appStore: an application @Named bean. */
    @Inject @ProcoreClient("named") CompaniesApi named;
    /** token-store=jdbc on the Agroal data source named "tokens". */
    @Inject @ProcoreClient("pooled") CompaniesApi pooled;
    @Inject @ProcoreClient("pooled") ProcoreConnection pooledConnection;
    /** token-store=jdbc on the application's default Agroal data source (token-store.datasource left at its default). */
    @Inject @ProcoreClient("pooleddefault") CompaniesApi pooledDefault;
    /** The installed app (oob) with the file store. */
    @Inject @ProcoreClient("installed") ProcoreConnection installed;
    @Inject @ProcoreClient("installed") CompaniesApi installedApi;
    @Inject @ProcoreClient("x") RetriedApi retried;
    @Inject @ProcoreClient("x") SyncApi sync;

    public CompaniesApi named() {
        return named;
    }

    public CompaniesApi pooled() {
        return pooled;
    }

    public ProcoreConnection pooledConnection() {
        return pooledConnection;
    }

    public CompaniesApi pooledDefault() {
        return pooledDefault;
    }

    public ProcoreConnection installed() {
        return installed;
    }

    public CompaniesApi installedApi() {
        return installedApi;
    }

    public RetriedApi retried() {
        return retried;
    }

    public SyncApi sync() {
        return sync;
    }
}
