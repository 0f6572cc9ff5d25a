package io.github.procorecdi.simulator;

import java.io.IOException;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

/** {@code /rest/v1.0/webhooks/hooks}: hooks (company or project scope, namespace required) and their triggers. */
final class WebhooksApi {
    /** How the API handler answers (and records) a request. */
    @FunctionalInterface
    interface Answer {
        int respond(HttpExchange exchange, int status, JsonStructure json) throws IOException;
    }

    private final SimWebhooks hooks;
    private final Answer answer;

    WebhooksApi(SimWebhooks hooks, Answer answer) {
        this.hooks = hooks;
        this.answer = answer;
    }

    /** Serves {@code rest}, the path after {@code /rest/v1.0/webhooks/hooks}. */
    int serve(HttpExchange exchange, String method, String rest) throws IOException {
        Map<String, String> q = Http.query(exchange);
        if (rest.isEmpty() || rest.equals("/")) {
            JsonObject body = method.equals("POST") ? ApiHandler.readJson(exchange) : null;
            Long companyId = ApiHandler.parseLong(body != null && body.containsKey("company_id") ? body.get("company_id").toString() : q.get("company_id"));
            Long projectId = ApiHandler.parseLong(body != null && body.containsKey("project_id") ? body.get("project_id").toString() : q.get("project_id"));
            if (companyId == null && projectId == null) {
                return answer.respond(exchange, 400, Json.createObjectBuilder().add("message", "company_id or project_id is required").build());
            }
            if (method.equals("GET")) {
                return answer.respond(exchange, 200, hooks.hooksJson(hooks.hooks(projectId == null ? companyId : null, projectId)).build());
            }
            if (!method.equals("POST")) {
                return answer.respond(exchange, 405, Json.createObjectBuilder().add("message", "405 Method Not Allowed").build());
            }
            Object created = hooks.createHook(projectId == null ? companyId : null, projectId,
                    body.get("hook") instanceof JsonObject h ? h : null);
            if (created instanceof String problem) {
                return answer.respond(exchange, 422, Json.createObjectBuilder().add("message", "Unprocessable Entity").add("errors", problem).build());
            }
            return answer.respond(exchange, 201, ((SimWebhooks.Hook) created).json());
        }
        String[] parts = rest.substring(1).split("/");
        Long hookId = ApiHandler.parseLong(parts[0]);
        SimWebhooks.Hook hook = hookId == null ? null : hooks.hook(hookId);
        if (hook == null) {
            return answer.respond(exchange, 404, Json.createObjectBuilder().add("message", "404 Not Found").build());
        }
        if (parts.length == 1) {
            if (method.equals("DELETE")) {
                hooks.remove(hook.id());
                return answer.respond(exchange, 200, hook.json());
            }
            return answer.respond(exchange, 200, hook.json());
        }
        if (parts.length == 2 && parts[1].equals("triggers")) {
            if (method.equals("GET")) {
                JsonArrayBuilder list = Json.createArrayBuilder();
                hook.triggers().forEach(list::add);
                return answer.respond(exchange, 200, list.build());
            }
            JsonObject body = ApiHandler.readJson(exchange);
            Object trigger = hooks.addTrigger(hook, body != null && body.get("trigger") instanceof JsonObject t ? t : null);
            if (trigger instanceof String problem) {
                return answer.respond(exchange, 422, Json.createObjectBuilder().add("message", "Unprocessable Entity").add("errors", problem).build());
            }
            return answer.respond(exchange, 201, (JsonObject) trigger);
        }
        return answer.respond(exchange, 404, Json.createObjectBuilder().add("message", "404 Not Found").build());
    }
}
