package io.github.procorecdi.samples.serviceaccount;

import java.io.PrintStream;
import java.util.List;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.TokenInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Lists every company and project the service account can see. */
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
            List<Project> list = procore.projects(company.id(), company.id(), 1000);
            out.println("  " + company.name() + " (" + company.id() + "): " + list.size() + " projects");
            list.stream().limit(5).forEach(p -> out.println("    - " + p.name()));
            if (list.size() > 5) {
                out.println("    ... and " + (list.size() - 5) + " more");
            }
            projects += list.size();
        }
        return projects;
    }
}
