package io.github.procorecdi.client;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreRateLimitException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
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
                body = response.readEntity(String.class);
            }
        } catch (RuntimeException e) {
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
            return new ProcoreRateLimitException(message.toString(), status, body, headers, RateLimitHeaders.resetAt(headers, clock));
        }
        return new ProcoreApiException(message.toString(), status, body, headers);
    }

    /** @return Procore's {@code message} or {@code errors} (4xx bodies), or {@code null} */
    static String detail(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject json) {
                JsonValue message = json.get("message");
                JsonValue errors = json.get("errors");
                JsonValue error = json.get("error");
                StringBuilder sb = new StringBuilder();
                append(sb, message);
                append(sb, errors);
                if (sb.length() == 0) {
                    append(sb, error);
                }
                return sb.length() == 0 ? null : sb.toString();
            }
        } catch (RuntimeException e) {
            // not JSON: no detail
        }
        return null;
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
