package io.github.procorecdi.simulator;

import java.io.IOException;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

/**
 * The loopback-only admin endpoint: {@code POST /_simulator/faults?<option>=<value>&...} (the command line's
 * settings, {@link SimulatorOptions}), {@code POST /_simulator/reset}, {@code GET /_simulator/counters},
 * {@code GET /_simulator/activity.csv} (Procore's API Call Activity Report of what was served).
 */
final class AdminHandler implements HttpHandler {
    private final ProcoreSimulator sim;

    AdminHandler(ProcoreSimulator sim) {
        this.sim = sim;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
            Http.send(exchange, 403, "text/plain", "the admin endpoint answers loopback callers only");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        switch (method + " " + path) {
            case "POST /_simulator/faults" -> {
                Http.body(exchange); // settings come as query parameters; a body is read and ignored
                List<String> problems = SimulatorOptions.apply(sim, SimulatorOptions.of(Http.query(exchange)));
                if (problems.isEmpty()) {
                    Http.json(exchange, 200, Json.createObjectBuilder().add("applied", true).build());
                } else {
                    JsonArrayBuilder list = Json.createArrayBuilder();
                    problems.forEach(list::add);
                    Http.json(exchange, 400, Json.createObjectBuilder().add("applied", false).add("problems", list).build());
                }
            }
            case "POST /_simulator/reset" -> {
                sim.reset();
                Http.json(exchange, 200, Json.createObjectBuilder().add("reset", true).build());
            }
            case "GET /_simulator/counters" -> Http.json(exchange, 200, sim.counters().json());
            case "GET /_simulator/activity.csv" -> Http.send(exchange, 200, "text/csv; charset=utf-8", sim.activityReport());
            default -> Http.send(exchange, 404, "text/plain", "admin endpoints: POST /_simulator/faults?..., "
                    + "POST /_simulator/reset, GET /_simulator/counters, GET /_simulator/activity.csv (see --help)");
        }
    }
}
