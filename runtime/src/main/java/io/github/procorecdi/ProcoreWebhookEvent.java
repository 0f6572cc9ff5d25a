package io.github.procorecdi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * One Procore webhook delivery, fired as a CDI event qualified {@code @ProcoreClient("<connection>")} by the
 * receiver at {@code procore.<connection>.webhooks.path}:
 *
 * <pre>{@code
 * void changed(@Observes @ProcoreClient ProcoreWebhookEvent event) { ... }      // before the answer; throw: Procore delivers again
 * void later(@ObservesAsync @ProcoreClient ProcoreWebhookEvent event) { ... }   // after the 200
 * }</pre>
 *
 * Reads the legacy payload and newer versions alike: ids may be JSON numbers or strings.
 */
public final class ProcoreWebhookEvent {
    private final String id;
    private final String ulid;
    private final long companyId;
    private final Long projectId;
    private final String resourceName;
    private final String resourceId;
    private final String eventType;
    private final Instant timestamp;
    private final Long userId;
    private final String sourceApplicationId;
    private final JsonObject payload;

    private ProcoreWebhookEvent(JsonObject json) {
        this.payload = json;
        this.id = text(json.get("id"));
        this.ulid = text(json.get("ulid"));
        this.companyId = Objects.requireNonNull(number(json.get("company_id"), "company_id"), "company_id");
        this.projectId = number(json.get("project_id"), "project_id");
        this.resourceName = text(json.get("resource_name"));
        this.resourceId = text(json.get("resource_id"));
        this.eventType = text(json.get("event_type"));
        this.timestamp = instant(text(json.get("timestamp")));
        this.userId = number(json.get("user_id"), "user_id");
        this.sourceApplicationId = json.get("metadata") instanceof JsonObject m ? text(m.get("source_application_id")) : null;
    }

    /**
     * @param json a delivery's body
     * @return the event
     * @throws IllegalArgumentException when it is not a Procore event: {@code company_id}, {@code resource_name},
     *                                  {@code event_type} and one of {@code ulid} or {@code id} are required; a
     *                                  {@code ulid} is 26 Crockford base32 characters, an {@code id} at most 64 letters,
     *                                  digits, {@code -} or {@code _} (deliveries are deduplicated on them: no
     *                                  unbounded key is ever kept)
     */
    public static ProcoreWebhookEvent of(JsonObject json) {
        Objects.requireNonNull(json, "json");
        for (String member : new String[] {"company_id", "resource_name", "event_type"}) {
            if (text(json.get(member)) == null) {
                throw new IllegalArgumentException("a Procore webhook event has " + member);
            }
        }
        String ulid = text(json.get("ulid"));
        String id = text(json.get("id"));
        if (ulid == null && id == null) {
            throw new IllegalArgumentException("a Procore webhook event has a ulid or an id");
        }
        if (ulid != null && !ULID.matcher(ulid).matches()) {
            throw new IllegalArgumentException("ulid " + excerpt(ulid) + " is not a ULID (26 Crockford base32 characters)");
        }
        if (id != null && !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id " + excerpt(id) + " is not a Procore event id (at most " + MAX_ID_LENGTH
                    + " letters, digits, '-' or '_')");
        }
        return new ProcoreWebhookEvent(json);
    }

    /** Procore's event ULIDs: 26 characters of Crockford's base32 (no I, L, O, U), either case. */
    private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{26}");
    /** The longest event id taken (a number in the legacy payload, a string in newer ones). */
    private static final int MAX_ID_LENGTH = 64;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ID_LENGTH + "}");

    private static String excerpt(String t) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < t.length() && i < 40; i++) {
            char c = t.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.append(t.length() > 40 ? "...' (" + t.length() + " characters)" : "'").toString();
    }

    /** @return the event id (as text: a number in the legacy payload), or {@code null} */
    public String id() {
        return id;
    }

    /** @return the event's ULID (26 characters), or {@code null} in payloads without one */
    public String ulid() {
        return ulid;
    }

    /** @return the key deliveries are deduplicated on: the {@code ulid}, else the {@code id} */
    public String deliveryKey() {
        return ulid != null ? ulid : "id:" + id;
    }

    /** @return the company where the event occurred */
    public long companyId() {
        return companyId;
    }

    /** @return the project where it occurred, or {@code null} for a company-level resource */
    public Long projectId() {
        return projectId;
    }

    /** @return the resource type, e.g. {@code Projects}, {@code RFIs} */
    public String resourceName() {
        return resourceName;
    }

    /** @return the changed resource's id (as text: ids may exceed 32 bits, and newer payloads send strings) */
    public String resourceId() {
        return resourceId;
    }

    /** @return {@code create}, {@code update} or {@code delete} */
    public String eventType() {
        return eventType;
    }

    /** @return when it occurred, or {@code null} if the payload has no readable timestamp */
    public Instant timestamp() {
        return timestamp;
    }

    /** @return the user who made the change, or {@code null} */
    public Long userId() {
        return userId;
    }

    /** @return {@code metadata.source_application_id}: the app that made the change (compare with yours to skip your own writes), or {@code null} */
    public String sourceApplicationId() {
        return sourceApplicationId;
    }

    /** @return the whole delivery as Procore sent it */
    public JsonObject payload() {
        return payload;
    }

    private static String text(JsonValue v) {
        if (v instanceof JsonString s) {
            return s.getString().isBlank() ? null : s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.isIntegral() ? n.bigIntegerValue().toString() : n.toString();
        }
        return null;
    }

    private static Long number(JsonValue v, String member) {
        String t = text(v);
        if (t == null) {
            return null;
        }
        try {
            return Long.parseLong(t.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(member + " is not a Procore id: " + (t.length() > 40 ? t.substring(0, 40) + "..." : t));
        }
    }

    private static Instant instant(String t) {
        if (t == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    @Override
    public String toString() {
        return "ProcoreWebhookEvent[" + eventType + " " + resourceName + " " + resourceId + ", company " + companyId
                + (projectId != null ? ", project " + projectId : "") + ", " + deliveryKey() + "]";
    }
}
