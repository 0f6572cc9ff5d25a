package io.github.procorecdi.it;

import java.nio.file.Path;
import java.util.Map;

import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreConnections;
import io.github.procorecdi.ProcoreUpload;
import io.github.procorecdi.UploadTarget;
import io.github.procorecdi.simulator.ProcoreSimulator;

/** Run in a child JVM by {@link UploadsTest}: uploads one file (args: simulator URL, file) and prints the outcome. */
public final class UploadChild {
    private UploadChild() {
    }

    public static void main(String[] args) {
        String sim = args[0];
        ProcoreConnection child = ProcoreConnections.open("child", Map.of("grant-type", "client_credentials",
                "client-id", ProcoreSimulator.DMSA_CLIENT_ID, "client-secret", ProcoreSimulator.DMSA_CLIENT_SECRET,
                "login-url", sim, "api-url", sim, "company-id", "101"));
        try {
            ProcoreUpload upload = child.uploads().upload(UploadTarget.project(101, 1003), Path.of(args[1]));
            System.out.println(upload.status() + " " + upload.fileSize() + " max heap " + Runtime.getRuntime().maxMemory());
        } finally {
            ProcoreConnections.close(child);
        }
    }
}
