package io.github.procorecdi;

import java.util.List;
import java.util.Map;

/** The Procore API answered with a non-2xx status (after any retries). */
public class ProcoreApiException extends ProcoreException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String body;
    private final transient Map<String, List<String>> headers;

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
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
