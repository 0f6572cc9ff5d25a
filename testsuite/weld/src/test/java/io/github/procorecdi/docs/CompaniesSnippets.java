package io.github.procorecdi.docs;

import java.util.stream.Stream;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcorePages;
import jakarta.inject.Inject;

/** docs/companies.md and docs/errors-and-rate-limits.md: every company's projects, page by page. */
class CompaniesSnippets {
    CompaniesApi companies;

    @Inject @ProcoreClient("dmsa") ProcoreConnection procore;

    void everyCompany() throws Exception {
        for (Company company : companies.list()) {
            ProjectsApi projects = procore.forCompany(company.id()).client(ProjectsApi.class); // sends Procore-Company-Id
            try (Stream<Project> all = ProcorePages.stream(Project.class, page -> projects.page(company.id(), page, 100))) {
                all.forEach(this::sync);
            } finally {
                ((AutoCloseable) projects).close();
            }
        }
    }

    void sync(Project project) {
    }
}
