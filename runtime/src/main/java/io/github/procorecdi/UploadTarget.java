package io.github.procorecdi;

/**
 * Where a file is uploaded: a company's or a project's unified uploads
 * ({@code /rest/v2.1/companies/{company_id}[/projects/{project_id}]/uploads}). The flow's API calls send
 * {@code companyId} as {@code Procore-Company-Id}.
 *
 * @param companyId the company (64-bit id, positive)
 * @param projectId the project, or {@code null} for a company-level upload
 */
public record UploadTarget(long companyId, Long projectId) {
    public UploadTarget {
        if (companyId <= 0) {
            throw new IllegalArgumentException("a Procore company id is positive, got " + companyId);
        }
        if (projectId != null && projectId <= 0) {
            throw new IllegalArgumentException("a Procore project id is positive, got " + projectId);
        }
    }

    /** @return a company-level target */
    public static UploadTarget company(long companyId) {
        return new UploadTarget(companyId, null);
    }

    /** @return a project-level target */
    public static UploadTarget project(long companyId, long projectId) {
        return new UploadTarget(companyId, projectId);
    }
}
