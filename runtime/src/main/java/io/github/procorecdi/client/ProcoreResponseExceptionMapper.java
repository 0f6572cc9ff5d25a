package io.github.procorecdi.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreAppNotConnectedException;
import io.github.procorecdi.ProcoreRateLimitException;
import io.github.procorecdi.internal.BoundedBody;
import io.github.procorecdi.internal.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * Maps every non-2xx answer of the Procore API to {@link ProcoreApiException} (429:
 * {@link ProcoreRateLimitException}) with status, body, headers, and Procore's {@code message} /
 * {@code errors} in the exception message. Registered on every Procore client.
 */
public final class ProcoreResponseExceptionMapper implements ResponseExceptionMapper<ProcoreApiException> {
    private static final int MAX_DETAIL = 500;

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 300;
    }

    @Override
    public ProcoreApiException toThrowable(Response response) {
        String body = "";
        try {
            if (response.hasEntity()) {
                body = BoundedBody.readAtMost(response.readEntity(InputStream.class), BoundedBody.MAX_BYTES);
            }
        } catch (RuntimeException | IOException e) {
            body = "";
        }
        return toException(response.getStatus(), response.getStatusInfo().getReasonPhrase(), body,
                copy(response.getStringHeaders()), Clock.systemUTC());
    }

    static ProcoreApiException toException(int status, String reason, String body, Map<String, List<String>> headers, Clock clock) {
        StringBuilder message = new StringBuilder("Procore API answered ").append(status);
        if (reason != null && !reason.isBlank()) {
            message.append(' ').append(reason);
        }
        String detail = detail(body);
        if (detail != null) {
            message.append(": ").append(detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail);
        }
        if (status == 429) {
            java.time.Instant resetAt = RateLimitHeaders.retryAt(status, headers, clock);
            if (resetAt != null) {
                message.append(" (the rate limit resets at ").append(resetAt).append(')');
            }
            return new ProcoreRateLimitException(message.toString(), status, body, headers, resetAt);
        }
        if (status == 403 && detail != null && detail.contains(ProcoreAppNotConnectedException.PROCORE_MESSAGE)) {
            return new ProcoreAppNotConnectedException(message.toString(), status, body, headers, null);
        }
        return new ProcoreApiException(message.toString(), status, body, headers);
    }

    /**
     * @return Procore's {@code message} or {@code errors} (v1 4xx bodies), or the v2 error's code, message and reason codes
     *         ({@code {"error":{"code","message","details":[{"reason_code","message"}]}}}), or {@code null}
     */
    static String detail(String body) {
        if (!(Json.tryValue(body) instanceof JsonObject json)) {
            return null;
        }
        if (json.get("error") instanceof JsonObject v2) {
            return v2Detail(v2);
        }
        StringBuilder sb = new StringBuilder();
        append(sb, json.get("message"));
        append(sb, json.get("errors"));
        if (sb.length() == 0) {
            append(sb, json.get("error"));
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String v2Detail(JsonObject error) {
        StringBuilder sb = new StringBuilder();
        String code = Json.string(error, "code");
        String text = Json.string(error, "message");
        if (code != null) {
            sb.append(code);
        }
        if (text != null) {
            sb.append(sb.length() > 0 ? ": " : "").append(text);
        }
        if (error.get("details") instanceof jakarta.json.JsonArray details) {
            for (JsonValue d : details) {
                if (d instanceof JsonObject o) {
                    String reason = Json.string(o, "reason_code");
                    String why = Json.string(o, "message");
                    sb.append(sb.length() > 0 ? "; " : "").append(reason != null ? reason : "detail");
                    if (why != null) {
                        sb.append(" (").append(why).append(')');
                    }
                }
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static void append(StringBuilder sb, JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        if (sb.length() > 0) {
            sb.append("; ");
        }
        sb.append(value instanceof JsonString s ? s.getString() : value.toString());
    }

    private static Map<String, List<String>> copy(MultivaluedMap<String, String> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

}
