package io.github.procorecdi.simulator;

import java.util.HashSet;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * {@code PATCH /rest/v1.0/projects/sync} as Procore runs a sync action: at most 1,000 updates (more: 422); each
 * matched by {@code id} (must exist in the company, else an error item) or {@code origin_id} (updated when known,
 * created otherwise; unique per company); the answer is always 200 with {@code entities} and {@code errors}, each
 * error repeating the attributes sent plus an {@code errors} member.
 */
final class SyncAction {
    static final int MAX_UPDATES = 1_000;

    private SyncAction() {
    }

    record Answer(int status, JsonObject body) {
    }

    static Answer projects(SimData data, SimData.Company company, JsonObject body) {
        if (body == null || !(body.get("updates") instanceof JsonArray updates)) {
            return new Answer(400, Json.createObjectBuilder().add("message", "400 Bad Request")
                    .add("errors", "updates must be an array").build());
        }
        if (updates.size() > MAX_UPDATES) {
            return new Answer(422, Json.createObjectBuilder().add("message", "422 Unprocessable Entity")
                    .add("errors", "A sync action accepts at most " + MAX_UPDATES + " updates; got " + updates.size()).build());
        }
        JsonArrayBuilder entities = Json.createArrayBuilder();
        JsonArrayBuilder errors = Json.createArrayBuilder();
        Set<String> seenOrigins = new HashSet<>();
        for (JsonValue value : updates) {
            if (!(value instanceof JsonObject item)) {
                errors.add(Json.createObjectBuilder().add("errors", Json.createObjectBuilder()
                        .add("base", Json.createArrayBuilder().add("must be an object"))));
                continue;
            }
            String problem = apply(data, company, item, seenOrigins, entities);
            if (problem != null) {
                int colon = problem.indexOf(':');
                errors.add(Json.createObjectBuilder(item).add("errors", Json.createObjectBuilder()
                        .add(problem.substring(0, colon), Json.createArrayBuilder().add(problem.substring(colon + 1)))));
            }
        }
        return new Answer(200, Json.createObjectBuilder().add("entities", entities).add("errors", errors).build());
    }

    /** @return {@code attribute:reason} when the item fails, else {@code null} (the entity added) */
    private static String apply(SimData data, SimData.Company company, JsonObject item, Set<String> seenOrigins, JsonArrayBuilder entities) {
        String name = item.get("name") instanceof JsonString s ? s.getString().trim() : null;
        String origin = item.get("origin_id") instanceof JsonString s ? s.getString() : item.get("origin_id") instanceof JsonNumber n
                ? n.toString() : null;
        if (origin != null && !seenOrigins.add(origin)) {
            return "origin_id:has already been taken";
        }
        JsonValue idValue = item.get("id");
        SimData.Project existing = null;
        if (idValue != null && idValue.getValueType() != JsonValue.ValueType.NULL) {
            Long id = idValue instanceof JsonNumber n ? Long.valueOf(n.longValue()) : idValue instanceof JsonString s ? parse(s.getString()) : null;
            existing = id == null ? null : data.project(company.id(), id);
            if (existing == null) {
                return "id:not found";
            }
            if (origin != null) {
                SimData.Project holder = data.projectByOrigin(company.id(), origin);
                if (holder != null && holder.id() != existing.id()) {
                    return "origin_id:has already been taken";
                }
            }
        } else if (origin != null) {
            existing = data.projectByOrigin(company.id(), origin);
        } else {
            return "base:an update needs an id or an origin_id";
        }
        if (name != null && name.isEmpty()) {
            return "name:can't be blank";
        }
        SimData.Project result;
        if (existing == null) {
            if (name == null) {
                return "name:can't be blank";
            }
            result = data.createProject(company, name, origin);
        } else {
            result = data.update(new SimData.Project(existing.id(), name != null ? name : existing.name(), existing.company(),
                    origin != null ? origin : existing.originId()));
        }
        JsonObjectBuilder entity = Json.createObjectBuilder(result.json());
        entities.add(entity);
        return null;
    }

    private static Long parse(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
