package io.github.procorecdi.samples.serviceaccount;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Stream;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcorePages;
import io.github.procorecdi.TokenInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Lists every company the service account can see and each one's projects: one service account serves many
 * companies, so each company gets a client bound to it ({@code forCompany}), and its projects are streamed page by
 * page ({@code ProcorePages}).
 */
@ApplicationScoped
public class CompanySync {

    @Inject
    @ProcoreClient("dmsa")
    ProcoreApi procore;

    @Inject
    @ProcoreClient("dmsa")
    ProcoreConnection connection;

    /** @return the number of projects listed */
    public int run(PrintStream out) {
        TokenInfo info = connection.tokenInfo();
        out.println("Service account token for application " + info.applicationUid() + ", expires " + info.expiresAt());
        int projects = 0;
        List<Company> companies = procore.companies();
        out.println(companies.size() + " companies:");
        for (Company company : companies) {
            ProcoreApi forCompany = connection.forCompany(company.id()).client(ProcoreApi.class);
            List<String> names;
            try (Stream<Project> all = ProcorePages.stream(Project.class, page -> forCompany.projects(company.id(), page, 100))) {
                names = all.map(Project::name).toList();
            } finally {
                close(forCompany);
            }
            out.println("  " + company.name() + " (" + company.id() + "): " + names.size() + " projects");
            names.stream().limit(5).forEach(name -> out.println("    - " + name));
            if (names.size() > 5) {
                out.println("    ... and " + (names.size() - 5) + " more");
            }
            projects += names.size();
        }
        return projects;
    }

    private static void close(Object client) {
        try {
            ((AutoCloseable) client).close();
        } catch (Exception e) {
            throw new IllegalStateException("closing a Procore client failed", e);
        }
    }
}
