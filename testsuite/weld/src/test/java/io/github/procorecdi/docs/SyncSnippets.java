package io.github.procorecdi.docs;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import io.github.procorecdi.ProcoreSync;
import io.github.procorecdi.SyncRequest;
import io.github.procorecdi.SyncResult;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;

/** docs/sync.md. */
class SyncSnippets {
    private static final Logger log = Logger.getLogger(SyncSnippets.class.getName());

    @Path("/rest/v1.0/projects")
    public interface ProjectsSync {
        @PATCH @Path("/sync") SyncResult<Project> sync(SyncRequest request);
    }

    record Row(String erpId, String name) {
    }

    SyncResult<Project> syncAll(List<Row> rows, ProjectsSync projects) {
        List<Map<String, Object>> updates = rows.stream()
                .map(r -> Map.<String, Object>of("origin_id", r.erpId(), "name", r.name())).toList();
        SyncResult<Project> result = ProcoreSync.inBatches(updates, projects::sync);   // 2,500 updates: 3 calls
        if (result.hasErrors()) {
            result.errors().forEach(e -> log.warning(e.get("origin_id") + ": " + e.get("errors")));
        }
        return result;
    }
}
