package io.github.procorecdi.simulator;

/**
 * An upload the simulator received, as tests and samples see it.
 *
 * @param uploadId    Procore's upload id
 * @param companyId   the company
 * @param projectId   the project, or {@code null} for a company-level upload
 * @param fileName    the file name given
 * @param fileSize    its size
 * @param contentType its content type
 * @param status      ready, receiving, complete or available
 * @param segments    how many segments it was cut into
 */
public record SimUpload(String uploadId, long companyId, Long projectId, String fileName, long fileSize, String contentType,
                        String status, int segments) {
}
