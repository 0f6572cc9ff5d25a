package io.github.procorecdi;

import java.util.List;
import java.util.Map;

import io.github.procorecdi.internal.Headers;
import io.github.procorecdi.internal.Json;
import jakarta.json.JsonObject;

/**
 * The Procore API answered with a non-2xx status (after any retries). The message carries Procore's own
 * message, errors and (REST v2) reason codes.
 */
public class ProcoreApiException extends ProcoreException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String body;
    private final transient Map<String, List<String>> headers;
    private final String errorCode;

    /**
     * @param message what failed
     * @param status  the HTTP status
     * @param body    the response body, possibly empty
     * @param headers the response headers (names as sent)
     */
    public ProcoreApiException(String message, int status, String body, Map<String, List<String>> headers) {
        super(message);
        this.status = status;
        this.body = body == null ? "" : body;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
        this.errorCode = v2ErrorCode(this.body);
    }

    /** @return the REST v2 {@code error.code} of the body (e.g. {@code VALIDATION_ERROR}), or {@code null} */
    public String errorCode() {
        return errorCode;
    }

    private static String v2ErrorCode(String body) {
        JsonObject json = Json.tryObject(body);
        if (json != null && json.get("error") instanceof JsonObject error) {
            return Json.string(error, "code");
        }
        return null;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the response body, possibly empty */
    public String body() {
        return body;
    }

    /** @return the response headers */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * @param name a header name, case-insensitive
     * @return the first value of that response header, or {@code null}
     */
    public String header(String name) {
        return Headers.first(headers, name);
    }
}
