package io.github.procorecdi.docs;

import java.util.List;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** README.md's code blocks. */
class ReadmeSnippets {
    @Inject @ProcoreClient CompaniesApi companies;   // any MicroProfile Rest Client interface

    void use() {
        List<Company> list = companies.list();           // carries a valid Procore access token
    }

    static class Connections {
        @ProcoreClient
        @Path("/rest/v1.0")
        public interface CompaniesApi {
            @GET @Path("/companies") List<Company> list();
        }

        @Inject @ProcoreClient CompaniesApi companies;                 // connection "default"
        @Inject @ProcoreClient("dmsa") ProcoreConnection dmsa;         // tokens, forCompany, forSubject, revoke, uploads
    }
}
