package io.github.procorecdi.it;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreUpload;
import io.github.procorecdi.UploadTarget;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.connection.ConnectionRuntime;
import io.github.procorecdi.connection.DefaultProcoreConnection;
import io.github.procorecdi.simulator.ProcoreSimulator;

/** Run in a child JVM by {@link UploadsTest}: uploads one file (args: simulator URL, file) and prints the outcome. */
public final class UploadChild {
    private UploadChild() {
    }

    public static void main(String[] args) {
        URI sim = URI.create(args[0]);
        ConnectionConfig config = ConnectionConfig.builder("child").grantType(GrantType.CLIENT_CREDENTIALS)
                .client(ProcoreSimulator.DMSA_CLIENT_ID, ProcoreSimulator.DMSA_CLIENT_SECRET).urls(sim, sim).companyId("101")
                .build();
        try (ConnectionRuntime runtime = new ConnectionRuntime(config, ConnectionRuntime.Lookups.none(), Clock.systemUTC())) {
            ProcoreUpload upload = DefaultProcoreConnection.of(runtime).uploads().upload(UploadTarget.project(101, 1003), Path.of(args[1]));
            System.out.println(upload.status() + " " + upload.fileSize() + " max heap " + Runtime.getRuntime().maxMemory());
        }
    }
}
