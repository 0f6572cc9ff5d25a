package io.github.procorecdi.samples.serviceaccount;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreSync;
import io.github.procorecdi.SyncResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The {@code sync} step: upserts projects from a CSV ({@code origin_id,name}) into one company through Procore's
 * sync action, matched by {@code origin_id}, so running it twice updates instead of duplicating.
 */
@ApplicationScoped
public class ProjectImport {

    @Inject
    @ProcoreClient("dmsa")
    ProcoreConnection connection;

    /**
     * @param csv     the file, or {@code null} for the sample's own {@code projects.csv}
     * @param company the company to import into
     * @return the number of projects created or updated
     */
    public int run(Path csv, long company, PrintStream out) throws IOException {
        List<Map<String, Object>> updates = read(csv);
        ProjectsSyncApi sync = connection.forCompany(company).client(ProjectsSyncApi.class);
        SyncResult<SyncedProject> result;
        try {
            result = ProcoreSync.inBatches(updates, sync::sync);
        } finally {
            close(sync);
        }
        out.println("Synced " + updates.size() + " rows into company " + company + ": " + result.entities().size()
                + " projects created or updated, " + result.errors().size() + " refused");
        result.entities().forEach(p -> out.println("  " + p.originId() + " -> project " + p.id() + " " + p.name()));
        result.errors().forEach(e -> out.println("  refused " + e.get("origin_id") + ": " + e.get("errors")));
        return result.entities().size();
    }

    private static List<Map<String, Object>> read(Path csv) throws IOException {
        try (InputStream in = csv != null ? Files.newInputStream(csv) : ProjectImport.class.getResourceAsStream("/projects.csv");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<Map<String, Object>> updates = new ArrayList<>();
            String header = lines.readLine();
            if (header == null || !header.trim().equals("origin_id,name")) {
                throw new IOException("the CSV must start with the header origin_id,name");
            }
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                int comma = line.indexOf(',');
                Map<String, Object> update = new LinkedHashMap<>();
                update.put("origin_id", (comma < 0 ? line : line.substring(0, comma)).trim());
                update.put("name", comma < 0 ? "" : line.substring(comma + 1).trim());
                updates.add(update);
            }
            return updates;
        }
    }

    private static void close(Object client) {
        try {
            ((AutoCloseable) client).close();
        } catch (Exception e) {
            throw new IllegalStateException("closing a Procore client failed", e);
        }
    }
}
