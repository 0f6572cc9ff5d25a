package io.github.procorecdi.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import com.sun.net.httpserver.HttpExchange;

/** The last {@value #MAX} requests one of the simulator's hosts received, oldest first, as tests read them. */
final class RecentRequests {
    /** Requests kept. */
    static final int MAX = 2_000;
    private final ConcurrentLinkedDeque<RecordedRequest> requests = new ConcurrentLinkedDeque<>();

    /** Records {@code exchange} as it arrived at {@code receivedAt}, answered with {@code status}. */
    RecordedRequest add(HttpExchange exchange, int status, Instant receivedAt) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Collections.unmodifiableMap(headers), status, receivedAt);
        requests.addLast(request);
        while (requests.size() > MAX) {
            requests.pollFirst();
        }
        return request;
    }

    /** @return the requests kept, oldest first */
    List<RecordedRequest> list() {
        return List.copyOf(new ArrayList<>(requests));
    }

    /** @return the last request, or {@code null} */
    RecordedRequest last() {
        return requests.peekLast();
    }

    void clear() {
        requests.clear();
    }
}
