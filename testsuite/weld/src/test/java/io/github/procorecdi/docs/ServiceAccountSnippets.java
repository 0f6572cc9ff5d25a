package io.github.procorecdi.docs;

import io.github.procorecdi.ProcoreClient;
import jakarta.inject.Inject;

/** docs/guide-service-accounts.md. */
class ServiceAccountSnippets {
    @Inject @ProcoreClient("dmsa") ProjectsApi projects;
}
