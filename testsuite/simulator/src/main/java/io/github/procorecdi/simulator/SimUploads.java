package io.github.procorecdi.simulator;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Procore's unified uploads: created through the API with the file's and each segment's size and SHA-256; each
 * segment PUT to a presigned URL of a separate storage server; completed by a PATCH of the ETags in order; then
 * {@code available} after a short delay. Statuses: ready, receiving, complete, available.
 */
final class SimUploads {
    /** Procore's segment limit: 100 MiB. */
    static final long MAX_SEGMENT = 104_857_600L;
    /** Uploads up to this size keep their bytes, so the whole file's SHA-256 is checked too. */
    static final long KEPT_BYTES = 8L * 1024 * 1024;
    private static final int MAX_UPLOADS = 1_000;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> order = new ConcurrentLinkedDeque<>();
    final AtomicInteger failNextSegments = new AtomicInteger();
    volatile int segmentFailureStatus = 503;
    volatile boolean expireUrls;
    volatile Duration availableDelay = Duration.ofMillis(300);

    SimUploads(Clock clock) {
        this.clock = clock;
    }

    /** One upload. Mutable, guarded by itself. */
    static final class Upload {
        final String id;
        final long companyId;
        final Long projectId;
        final String fileName;
        final long fileSize;
        final String contentType;
        final String sha256;
        final List<long[]> sizes = new ArrayList<>();
        final List<String> segmentSha = new ArrayList<>();
        final String[] etags;
        final byte[][] kept;
        final String signature;
        String status = "ready";
        Instant completedAt;

        Upload(String id, long companyId, Long projectId, JsonObject request, List<long[]> sizes, List<String> shas, String signature) {
            this.id = id;
            this.companyId = companyId;
            this.projectId = projectId;
            this.fileName = request.getString("file_name");
            this.fileSize = request.getJsonNumber("file_size").longValue();
            this.contentType = request.getString("content_type");
            this.sha256 = request.getString("sha256").toLowerCase(java.util.Locale.ROOT);
            this.sizes.addAll(sizes);
            this.segmentSha.addAll(shas);
            this.etags = new String[sizes.size()];
            this.kept = fileSize <= KEPT_BYTES ? new byte[sizes.size()][] : null;
            this.signature = signature;
        }

        synchronized String status(Instant now, Duration delay) {
            if (status.equals("complete") && !now.isBefore(completedAt.plus(delay))) {
                status = "available";
            }
            return status;
        }
    }

    /** @return the upload, or a reason it is refused (a 422 message) */
    Object create(long companyId, Long projectId, JsonObject request) {
        String problem = problem(request);
        if (problem != null) {
            return problem;
        }
        List<long[]> sizes = new ArrayList<>();
        List<String> shas = new ArrayList<>();
        for (JsonValue v : request.getJsonArray("segments")) {
            JsonObject seg = (JsonObject) v;
            sizes.add(new long[] {seg.getJsonNumber("size").longValue()});
            shas.add(seg.getString("sha256").toLowerCase(java.util.Locale.ROOT));
        }
        String id = HexFormat.of().formatHex(bytes(10));
        Upload u = new Upload(id, companyId, projectId, request, sizes, shas, HexFormat.of().formatHex(bytes(16)));
        uploads.put(id, u);
        order.addLast(id);
        while (order.size() > MAX_UPLOADS) {
            String old = order.pollFirst();
            if (old != null) {
                uploads.remove(old);
            }
        }
        return u;
    }

    JsonObject json(Upload u, String storageBase, boolean withSegments) {
        Instant now = clock.instant();
        var b = Json.createObjectBuilder().add("upload_id", u.id).add("status", u.status(now, availableDelay))
                .add("file_name", u.fileName).add("file_size", u.fileSize).add("content_type", u.contentType)
                .add("upload_expires_at", now.plus(Duration.ofHours(24)).toString());
        if (withSegments) {
            JsonArrayBuilder segments = Json.createArrayBuilder();
            for (int i = 0; i < u.sizes.size(); i++) {
                segments.add(Json.createObjectBuilder()
                        .add("url", storageBase + "/storage/" + u.id + "/" + i + "?X-Amz-Expires=3600&X-Amz-Signature=" + u.signature)
                        .add("url_expires_at", now.plus(Duration.ofHours(1)).toString())
                        .add("headers", Json.createObjectBuilder().add("Content-Type", u.contentType)
                                .add("x-amz-server-side-encryption", "AES256")));
            }
            b.add("segments", segments);
        }
        return b.build();
    }

    Upload get(String id) {
        return id == null ? null : uploads.get(id);
    }

    /** @return null when completed, else the reason (a 422 message) */
    String complete(Upload u, JsonObject body) {
        if (body == null || !(body.get("part_etags") instanceof JsonArray etags)) {
            return "part_etags must be an array of the segments' ETags, in order";
        }
        synchronized (u) {
            if (!u.status.equals("ready") && !u.status.equals("receiving")) {
                return "upload " + u.id + " is already " + u.status;
            }
            if (etags.size() != u.etags.length) {
                return "part_etags has " + etags.size() + " entries for " + u.etags.length + " segments";
            }
            for (int i = 0; i < u.etags.length; i++) {
                if (u.etags[i] == null) {
                    return "segment " + (i + 1) + " was never received";
                }
                if (!(etags.get(i) instanceof JsonString s) || !s.getString().equals(u.etags[i])) {
                    return "part_etags[" + i + "] does not match the ETag of segment " + (i + 1) + " (wrong order?)";
                }
            }
            if (u.kept != null) {
                MessageDigest whole = sha256();
                for (byte[] part : u.kept) {
                    whole.update(part);
                }
                if (!HexFormat.of().formatHex(whole.digest()).equals(u.sha256)) {
                    return "the file's SHA-256 does not match the sha256 given at creation";
                }
            }
            u.status = "complete";
            u.completedAt = clock.instant();
            return null;
        }
    }

    /** A segment received by the storage server: @return its ETag */
    String received(Upload u, int index, byte[] bodyOrNull, String sha256, String md5) {
        synchronized (u) {
            u.etags[index] = "\"" + md5 + "\"";
            if (u.kept != null && bodyOrNull != null) {
                u.kept[index] = bodyOrNull;
            }
            if (u.status.equals("ready")) {
                u.status = "receiving";
            }
            return u.etags[index];
        }
    }

    /** @return the uploads as tests see them, oldest first */
    List<SimUpload> snapshot() {
        List<SimUpload> list = new ArrayList<>();
        for (Upload u : all()) {
            list.add(new SimUpload(u.id, u.companyId, u.projectId, u.fileName, u.fileSize, u.contentType,
                    u.status(java.time.Instant.now(), availableDelay), u.etags.length));
        }
        return list;
    }

    List<Upload> all() {
        List<Upload> list = new ArrayList<>();
        for (String id : order) {
            Upload u = uploads.get(id);
            if (u != null) {
                list.add(u);
            }
        }
        return list;
    }

    void reset() {
        uploads.clear();
        order.clear();
        failNextSegments.set(0);
        segmentFailureStatus = 503;
        expireUrls = false;
        availableDelay = Duration.ofMillis(300);
    }

    private static String problem(JsonObject r) {
        if (r == null) {
            return "a JSON object body is required";
        }
        if (!(r.get("file_name") instanceof JsonString name) || name.getString().isBlank()) {
            return "file_name is required";
        }
        if (!(r.get("content_type") instanceof JsonString type) || type.getString().isBlank()) {
            return "content_type is required";
        }
        if (!(r.get("file_size") instanceof JsonNumber size) || !size.isIntegral() || size.longValue() <= 0) {
            return "file_size must be a positive number of bytes";
        }
        if (!(r.get("sha256") instanceof JsonString sha) || !sha.getString().matches("[0-9a-fA-F]{64}")) {
            return "sha256 must be the file's SHA-256 in hex";
        }
        if (!(r.get("segments") instanceof JsonArray segments) || segments.isEmpty()) {
            return "segments must list at least one segment";
        }
        long total = 0;
        for (JsonValue v : segments) {
            if (!(v instanceof JsonObject seg) || !(seg.get("size") instanceof JsonNumber s) || !s.isIntegral()
                    || !(seg.get("sha256") instanceof JsonString h) || !h.getString().matches("[0-9a-fA-F]{64}")) {
                return "each segment needs size and sha256";
            }
            if (s.longValue() <= 0 || s.longValue() > MAX_SEGMENT) {
                return "a segment holds 1 to " + MAX_SEGMENT + " bytes, got " + s.longValue();
            }
            total += s.longValue();
        }
        if (total != size.longValue()) {
            return "the segments' sizes add up to " + total + ", not file_size " + size.longValue();
        }
        return null;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
