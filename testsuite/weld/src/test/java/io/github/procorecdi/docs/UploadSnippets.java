package io.github.procorecdi.docs;

import java.nio.file.Path;
import java.util.logging.Logger;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreUpload;
import io.github.procorecdi.UploadTarget;
import jakarta.inject.Inject;

/** docs/uploads.md. */
class UploadSnippets {
    private static final Logger log = Logger.getLogger(UploadSnippets.class.getName());

    @Inject @ProcoreClient("dmsa") ProcoreConnection procore;

    void upload(long companyId, long projectId, Path file) {
        ProcoreUpload upload = procore.uploads().upload(UploadTarget.project(companyId, projectId), Path.of("site-photo.jpg"));
        // or with a content type and progress:
        procore.uploads().upload(UploadTarget.company(companyId), file, "application/pdf",
                (bytes, total) -> log.info(bytes * 100 / total + " %"));
        upload.uploadId();   // attach it to a Document Management resource within 24 hours
    }
}
