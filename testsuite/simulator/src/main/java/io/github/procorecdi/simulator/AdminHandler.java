package io.github.procorecdi.simulator;

import java.io.IOException;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

/**
 * The loopback-only admin endpoint (requests a web page could send, cross-site or DNS-rebound, are refused with 403): {@code POST /_simulator/faults?<option>=<value>&...} (the command line's
 * settings, {@link SimulatorOptions}), {@code POST /_simulator/reset}, {@code GET /_simulator/counters},
 * {@code GET /_simulator/activity.csv} (Procore's API Call Activity Report of what was served), {@code GET /_simulator/token-requests}
 * (the token requests served: grant, {@code User-Agent}, status, arrival and answer in epoch microseconds).
 */
final class AdminHandler implements HttpHandler {
    private final ProcoreSimulator sim;

    AdminHandler(ProcoreSimulator sim) {
        this.sim = sim;
    }

    /**
     * A web page in the developer's browser can send a form POST here (its {@code Origin} or {@code Sec-Fetch-Site}
     * says it is another site), and a DNS-rebound page does it under a foreign {@code Host}: both are refused.
     *
     * @return why the request is refused, or {@code null} when it comes from a tool on this machine
     */
    static String crossSite(com.sun.net.httpserver.Headers headers) {
        String host = headers.getFirst("Host");
        if (host == null || !loopbackHost(host)) {
            return "a request whose Host is not a loopback address (" + (host == null ? "none" : Http.printable(host, 60)) + ")";
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !loopbackOrigin(origin)) {
            return "a request from another site (Origin " + Http.printable(origin, 60) + ")";
        }
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null && site.trim().equalsIgnoreCase("cross-site")) {
            return "a request from another site (Sec-Fetch-Site: cross-site)";
        }
        return null;
    }

    private static boolean loopbackOrigin(String origin) {
        try {
            java.net.URI uri = java.net.URI.create(origin.trim());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null
                    && loopbackName(uri.getHost());
        } catch (IllegalArgumentException e) {
            return false; // "null" (a sandboxed or file page) and anything unreadable
        }
    }

    /** {@code Host} as sent: {@code name[:port]} or {@code [v6][:port]}. */
    private static boolean loopbackHost(String host) {
        String h = host.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0 || !(end == h.length() - 1 || h.charAt(end + 1) == ':')) {
                return false;
            }
            return loopbackName(h.substring(0, end + 1));
        }
        int colon = h.indexOf(':');
        return loopbackName(colon >= 0 ? h.substring(0, colon) : h);
    }

    private static boolean loopbackName(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.startsWith("[") && n.endsWith("]")) {
            n = n.substring(1, n.length() - 1);
        }
        return n.equals("localhost") || n.matches("127(\\.\\d{1,3}){3}") || n.equals("::1") || n.equals("0:0:0:0:0:0:0:1");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
            Http.send(exchange, 403, "text/plain", "the admin endpoint answers loopback callers only");
            return;
        }
        String refused = crossSite(exchange.getRequestHeaders());
        if (refused != null) {
            Http.send(exchange, 403, "text/plain", "the admin endpoint refuses " + refused
                    + ": only tools on this machine (curl, tests) may change the simulator, never a web page");
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
            case "GET /_simulator/token-requests" -> Http.json(exchange, 200, sim.tokenLog().json());
            default -> Http.send(exchange, 404, "text/plain", "admin endpoints: POST /_simulator/faults?..., "
                    + "POST /_simulator/reset, GET /_simulator/counters, GET /_simulator/activity.csv, GET /_simulator/token-requests (see --help)");
        }
    }
}
