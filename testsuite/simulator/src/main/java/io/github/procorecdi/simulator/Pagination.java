package io.github.procorecdi.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

/** Procore's pagination: {@code page} and {@code per_page} in, {@code Link}, {@code Total} and {@code Per-Page} out. */
final class Pagination {
    private Pagination() {
    }

    /**
     * Sets {@code Link}, {@code Total} and {@code Per-Page} for the page the query asks for ({@code page}, {@code per_page}).
     *
     * @return the page's items: an array, or with {@code envelope} REST v2's {@code {"data": [...]}}
     */
    static JsonStructure page(HttpExchange exchange, List<JsonObject> items, int defaultPerPage, int maxPerPage, boolean envelope,
                              int port) {
        Map<String, String> q = Http.query(exchange);
        Long pageParam = ApiHandler.parseLong(q.get("page"));
        Long perPageParam = ApiHandler.parseLong(q.get("per_page"));
        int perPage = (int) Math.max(1, Math.min(maxPerPage, perPageParam == null ? defaultPerPage : perPageParam));
        int total = items.size();
        int last = Math.max(1, (total + perPage - 1) / perPage);
        int page = (int) Math.max(1, pageParam == null ? 1 : pageParam);
        int from = Math.min(total, (page - 1) * perPage);
        int to = Math.min(total, from + perPage);
        JsonArrayBuilder array = Json.createArrayBuilder();
        items.subList(from, to).forEach(array::add);

        String host = exchange.getRequestHeaders().getFirst("Host");
        String base = "http://" + (host == null ? "127.0.0.1:" + port : host) + exchange.getRequestURI().getPath();
        Map<String, String> params = new LinkedHashMap<>(q);
        params.put("per_page", String.valueOf(perPage));
        List<String> links = new ArrayList<>();
        links.add(link(base, params, 1, "first"));
        if (page > 1) {
            links.add(link(base, params, Math.min(page - 1, last), "prev"));
        }
        if (page < last) {
            links.add(link(base, params, page + 1, "next"));
        }
        links.add(link(base, params, last, "last"));
        exchange.getResponseHeaders().set("Link", String.join(", ", links));
        exchange.getResponseHeaders().set("Total", String.valueOf(total));
        exchange.getResponseHeaders().set("Per-Page", String.valueOf(perPage));
        return envelope ? Json.createObjectBuilder().add("data", array).build() : array.build();
    }

    private static String link(String base, Map<String, String> params, int page, String rel) {
        StringBuilder sb = new StringBuilder("<").append(base);
        char sep = '?';
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put("page", String.valueOf(page));
        for (Map.Entry<String, String> e : p.entrySet()) {
            sb.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        return sb.append(">; rel=\"").append(rel).append('"').toString();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
