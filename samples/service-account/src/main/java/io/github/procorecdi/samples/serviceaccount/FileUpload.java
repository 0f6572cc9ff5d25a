package io.github.procorecdi.samples.serviceaccount;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreUpload;
import io.github.procorecdi.UploadTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The {@code upload} step: uploads a file to a project through Procore's unified upload flow, printing progress. */
@ApplicationScoped
public class FileUpload {

    @Inject
    @ProcoreClient("dmsa")
    ProcoreConnection connection;

    /**
     * @param file the file, or {@code null} for a small generated text file
     * @return the upload, {@code available}
     */
    public ProcoreUpload run(Path file, long company, long project, PrintStream out) throws IOException {
        Path source = file;
        if (source == null) {
            source = Files.createTempDirectory("procore-sample").resolve("daily-report.txt");
            Files.writeString(source, "Daily report: concrete poured on level 3, inspection passed.\n", StandardCharsets.UTF_8);
        }
        ProcoreUpload upload = connection.uploads().upload(UploadTarget.project(company, project), source, null,
                (bytes, total) -> out.println("  " + bytes + " of " + total + " bytes confirmed"));
        out.println("Uploaded " + upload.fileName() + " (" + upload.fileSize() + " bytes, " + upload.contentType() + ") to project "
                + project + " as upload " + upload.uploadId() + ": " + upload.status());
        return upload;
    }
}
