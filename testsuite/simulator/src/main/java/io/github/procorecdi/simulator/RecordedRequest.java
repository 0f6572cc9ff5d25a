package io.github.procorecdi.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/**
 * A request the simulator served, as it arrived.
 *
 * @param method  HTTP method
 * @param path    path
 * @param query   raw query, or {@code null}
 * @param headers headers, names in lower case
 * @param status  the status the simulator answered (0: the answer was dropped)
 * @param receivedAt when the request arrived
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, int status,
                              java.time.Instant receivedAt) {

    /** @return {@code exchange} as it arrived at {@code receivedAt}, answered with {@code status}; header names in lower case */
    static RecordedRequest of(HttpExchange exchange, int status, java.time.Instant receivedAt) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Collections.unmodifiableMap(headers), status, receivedAt);
    }

    /** @return the first value of the header (case-insensitive), or {@code null} */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String toString() {
        Map<String, List<String>> shown = new java.util.LinkedHashMap<>(headers);
        shown.computeIfPresent("authorization", (k, v) -> List.of("Bearer ****"));
        return "RecordedRequest[" + method + " " + path + (query == null ? "" : "?" + query) + ", status=" + status
                + ", receivedAt=" + receivedAt + ", headers=" + shown + "]";
    }
}
