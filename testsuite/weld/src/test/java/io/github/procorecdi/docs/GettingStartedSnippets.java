package io.github.procorecdi.docs;

import java.util.List;
import java.util.Map;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreConnections;
import jakarta.inject.Inject;

/** docs/getting-started.md's code blocks (the interface is {@link CompaniesApi}). */
class GettingStartedSnippets {
    @Inject @ProcoreClient CompaniesApi companies;                 // connection "default"
    @Inject @ProcoreClient("sandbox") CompaniesApi sandbox;        // connection "sandbox"
    @Inject @ProcoreClient("dmsa") ProcoreConnection dmsa;         // tokens, authorize URL, revoke

    static void withoutCdi(String clientId, String clientSecret) {
        ProcoreConnection dmsa = ProcoreConnections.open("dmsa", Map.of("grant-type", "client_credentials",
                "client-id", clientId, "client-secret", clientSecret, "company-id", "101"));
        try {
            List<Company> companies = dmsa.client(CompaniesApi.class).list();
        } finally {
            ProcoreConnections.close(dmsa);
        }
    }
}
