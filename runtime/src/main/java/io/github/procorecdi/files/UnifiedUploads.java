package io.github.procorecdi.files;

import java.io.IOException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcoreUpload;
import io.github.procorecdi.ProcoreUploads;
import io.github.procorecdi.UploadProgress;
import io.github.procorecdi.UploadTarget;
import io.github.procorecdi.client.ClientScope;
import io.github.procorecdi.client.RestClients;
import io.github.procorecdi.config.UploadConfig;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Procore's unified upload flow (create, PUT each segment, PATCH the ETags, poll until available). */
public final class UnifiedUploads implements ProcoreUploads {
    static final String AVAILABLE = "available";
    private static final long FIRST_POLL_MILLIS = 250;
    private static final long MAX_POLL_MILLIS = 5_000;

    private final RestClients clients;
    private final ClientScope scope;
    private final StorageClient storage;
    private final UploadConfig config;

    UnifiedUploads(RestClients clients, ClientScope scope, StorageClient storage, UploadConfig config) {
        this.clients = clients;
        this.scope = scope;
        this.storage = storage;
        this.config = config;
    }

    /** The uploads of a connection: one per connection (it holds the storage host's HTTP client). */
    public static final class Factory {
        private final RestClients clients;
        private final UploadConfig config;
        private final StorageClient storage;

        public Factory(io.github.procorecdi.config.ConnectionConfig config, RestClients clients) {
            this.clients = clients;
            this.config = config.uploads();
            this.storage = new StorageClient(config);
        }

        /** Lets go of the storage host's HTTP client (the connection closes); later uploads fail at their first PUT. */
        public void close() {
            storage.close();
        }

        /** @return the uploads of a client scope (its subject; the company comes from each target) */
        public ProcoreUploads of(ClientScope scope) {
            return new UnifiedUploads(clients, scope, storage, config);
        }
    }

    @Override
    public ProcoreUpload upload(UploadTarget target, Path file) {
        return upload(target, file, null, null);
    }

    @Override
    public ProcoreUpload upload(UploadTarget target, Path file, String contentType, UploadProgress progress) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(file, "file");
        UploadProgress report = progress == null ? UploadProgress.NONE : progress;
        String fileName = file.getFileName() == null ? "upload" : file.getFileName().toString();
        String type = contentType != null && !contentType.isBlank() ? contentType : probe(file, fileName);
        SegmentPlan plan;
        try {
            plan = SegmentPlan.of(file, config.segmentSize());
        } catch (IOException e) {
            throw new ProcoreException("upload of " + fileName + ": cannot read the file: " + e.getMessage(), e);
        }
        if (plan.size() == 0) {
            throw new ProcoreException("upload of " + fileName + ": the file is empty");
        }
        UploadsApi api = clients.build(UploadsApi.class, scope.withCompany(Long.toString(target.companyId())));
        try {
            JsonObject created = data(call("upload of " + fileName + ": create", () -> create(api, target, request(fileName, type, plan))),
                    "upload of " + fileName + ": create");
            String id = string(created, "upload_id", "upload of " + fileName + ": create");
            List<JsonObject> urls = segments(created, plan, "upload " + id + ": create");
            List<String> etags = new ArrayList<>(plan.segments().size());
            long confirmed = 0;
            for (int i = 0; i < plan.segments().size(); i++) {
                SegmentPlan.Segment segment = plan.segments().get(i);
                String step = "upload " + id + ": segment " + (i + 1) + " of " + plan.segments().size();
                JsonObject where = urls.get(i);
                URI url;
                try {
                    url = URI.create(string(where, "url", step));
                } catch (IllegalArgumentException e) {
                    throw new ProcoreException(step + ": Procore returned a segment URL that is not a URI");
                }
                etags.add(storage.put(step, url, headers(where, step), file, segment));
                confirmed += segment.size();
                report.sent(confirmed, plan.size());
            }
            JsonArrayBuilder parts = Json.createArrayBuilder();
            etags.forEach(parts::add);
            JsonObject patch = Json.createObjectBuilder().add("part_etags", parts).build();
            JsonObject completed = data(call("upload " + id + ": complete (PATCH of the ETags)", () -> complete(api, target, id, patch)),
                    "upload " + id + ": complete");
            String status = awaitAvailable(api, target, id, status(completed));
            return new UploadResult(id, fileName, plan.size(), type, status);
        } finally {
            close(api);
        }
    }

    private String awaitAvailable(UploadsApi api, UploadTarget target, String id, String status) {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        long wait = FIRST_POLL_MILLIS;
        String last = status;
        while (!AVAILABLE.equals(last)) {
            if (System.nanoTime() + wait * 1_000_000 > deadline) {
                throw new ProcoreException("upload " + id + ": not available after " + config.timeout() + " (last status '" + last
                        + "'); raise uploads.timeout or look at the upload at Procore");
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcoreException("upload " + id + ": interrupted while waiting for it to become available", e);
            }
            wait = Math.min(MAX_POLL_MILLIS, wait * 2);
            JsonObject answer = data(call("upload " + id + ": status", () -> status(api, target, id)), "upload " + id + ": status");
            last = status(answer);
        }
        return last;
    }

    private static JsonObject request(String fileName, String type, SegmentPlan plan) {
        JsonArrayBuilder segments = Json.createArrayBuilder();
        for (SegmentPlan.Segment s : plan.segments()) {
            segments.add(Json.createObjectBuilder().add("size", s.size()).add("sha256", s.sha256()));
        }
        return Json.createObjectBuilder().add("file_name", fileName).add("file_size", plan.size()).add("content_type", type)
                .add("sha256", plan.sha256()).add("segments", segments).build();
    }

    private static JsonObject create(UploadsApi api, UploadTarget t, JsonObject body) {
        return t.projectId() == null ? api.create(t.companyId(), body) : api.create(t.companyId(), t.projectId(), body);
    }

    private static JsonObject complete(UploadsApi api, UploadTarget t, String id, JsonObject body) {
        return t.projectId() == null ? api.complete(t.companyId(), id, body) : api.complete(t.companyId(), t.projectId(), id, body);
    }

    private static JsonObject status(UploadsApi api, UploadTarget t, String id) {
        return t.projectId() == null ? api.status(t.companyId(), id) : api.status(t.companyId(), t.projectId(), id);
    }

    /** Runs one API call of the flow; a failure is rethrown naming the step (same status, body and headers). */
    private static JsonObject call(String step, java.util.function.Supplier<JsonObject> call) {
        try {
            return call.get();
        } catch (ProcoreException e) {
            throw StepFailures.withContext(step + " failed: ", e);
        }
    }

    private static JsonObject data(JsonObject answer, String step) {
        if (answer != null && answer.get("data") instanceof JsonObject data) {
            return data;
        }
        throw new ProcoreException(step + ": Procore's answer has no \"data\" object");
    }

    private static String string(JsonObject json, String member, String step) {
        JsonValue v = json.get(member);
        if (v instanceof JsonString s && !s.getString().isBlank()) {
            return s.getString();
        }
        if (v != null && v.getValueType() == JsonValue.ValueType.NUMBER) {
            return v.toString();
        }
        throw new ProcoreException(step + ": Procore's answer has no \"" + member + "\"");
    }

    private static List<JsonObject> segments(JsonObject created, SegmentPlan plan, String step) {
        List<JsonObject> list = new ArrayList<>();
        if (created.get("segments") instanceof jakarta.json.JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonObject o) {
                    list.add(o);
                }
            }
        }
        if (list.size() != plan.segments().size()) {
            throw new ProcoreException(step + ": Procore returned " + list.size() + " segment URLs for " + plan.segments().size()
                    + " segments");
        }
        return list;
    }

    /** The headers Procore gave for a segment, exactly (names and values as strings). */
    private static Map<String, String> headers(JsonObject segment, String step) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (segment.get("headers") instanceof JsonObject h) {
            h.forEach((name, value) -> {
                if (!(value instanceof JsonString s)) {
                    throw new ProcoreException(step + ": segment header '" + name + "' is not a string");
                }
                headers.put(name, s.getString());
            });
        }
        return headers;
    }

    private static String probe(Path file, String fileName) {
        try {
            String probed = Files.probeContentType(file);
            if (probed != null) {
                return probed;
            }
        } catch (IOException e) {
            // fall back to the name
        }
        String guessed = URLConnection.guessContentTypeFromName(fileName);
        return guessed != null ? guessed : "application/octet-stream";
    }

    private static void close(Object client) {
        if (client instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // nothing held that matters
            }
        }
    }

    private static String status(JsonObject data) {
        return data.get("status") instanceof JsonString s ? s.getString() : "";
    }
}
