package io.github.procorecdi.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Procore's webhooks: hooks (company or project scope, a required namespace, a destination URL and headers) with
 * triggers (resource name and event type), and deliveries of create, update and delete events like Procore's: the
 * hook's {@code destination_headers} on every POST, 5 seconds to answer 2xx, else retried with backoff.
 */
final class SimWebhooks {
    /** The token of the API request being served on this thread: who made a change, for webhook events. */
    static final ThreadLocal<OAuthState.Token> ACTOR = new ThreadLocal<>();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_DELIVERIES = 2_000;
    private static final String ULID_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final Map<Long, Hook> hooks = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<WebhookDelivery> deliveries = new ConcurrentLinkedDeque<>();
    private final AtomicLong ids = new AtomicLong(5_000);
    private final AtomicLong eventIds = new AtomicLong(70_000_000_000L);
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "procore-simulator-webhooks");
        t.setDaemon(true);
        return t;
    });
    volatile Duration firstRetry = Duration.ofSeconds(1);
    volatile int maxAttempts = 6;

    record Hook(long id, Long companyId, Long projectId, String namespace, String apiVersion, URI destination,
                Map<String, String> headers, List<JsonObject> triggers) {
        JsonObject json() {
            var h = Json.createObjectBuilder();
            headers.forEach(h::add);
            var b = Json.createObjectBuilder().add("id", id).add("namespace", namespace).add("api_version", apiVersion)
                    .add("destination_url", destination.toString()).add("destination_headers", h);
            if (companyId != null) {
                b.add("company_id", companyId);
            }
            if (projectId != null) {
                b.add("project_id", projectId);
            }
            return b.build();
        }
    }

    /** @return the hook, or a reason it is refused (422) */
    Object createHook(Long companyId, Long projectId, JsonObject hook) {
        if (hook == null) {
            return "hook is required";
        }
        if (!(hook.get("namespace") instanceof JsonString ns) || ns.getString().isBlank()) {
            return "namespace is required";
        }
        if (!(hook.get("destination_url") instanceof JsonString url)) {
            return "destination_url is required";
        }
        URI destination;
        try {
            destination = URI.create(url.getString());
        } catch (IllegalArgumentException e) {
            return "destination_url is not a URL";
        }
        if (destination.getScheme() == null || !destination.getScheme().startsWith("http") || destination.getHost() == null) {
            return "destination_url must be an http(s) URL";
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (hook.get("destination_headers") instanceof JsonObject h) {
            for (Map.Entry<String, JsonValue> e : h.entrySet()) {
                if (!(e.getValue() instanceof JsonString v)) {
                    return "destination_headers values must be strings";
                }
                headers.put(e.getKey(), v.getString());
            }
        }
        String version = hook.get("api_version") instanceof JsonString v ? v.getString() : "v2";
        Hook created = new Hook(ids.incrementAndGet(), companyId, projectId, ns.getString(), version, destination, Map.copyOf(headers),
                new java.util.concurrent.CopyOnWriteArrayList<>());
        hooks.put(created.id(), created);
        return created;
    }

    Hook hook(long id) {
        return hooks.get(id);
    }

    List<Hook> hooks(Long companyId, Long projectId) {
        return hooks.values().stream().filter(h -> java.util.Objects.equals(h.companyId(), companyId)
                && java.util.Objects.equals(h.projectId(), projectId)).sorted(java.util.Comparator.comparingLong(Hook::id)).toList();
    }

    Hook remove(long id) {
        return hooks.remove(id);
    }

    /** @return the trigger, or a reason it is refused */
    Object addTrigger(Hook hook, JsonObject trigger) {
        if (trigger == null || !(trigger.get("resource_name") instanceof JsonString name)
                || !(trigger.get("event_type") instanceof JsonString type)
                || !List.of("create", "update", "delete").contains(type.getString())) {
            return "trigger needs resource_name and event_type (create, update or delete)";
        }
        JsonObject t = Json.createObjectBuilder().add("id", ids.incrementAndGet()).add("resource_name", name.getString())
                .add("event_type", type.getString()).build();
        hook.triggers().add(t);
        return t;
    }

    /** A change happened: every hook of its company (or project) with a matching trigger gets a delivery. */
    void changed(long companyId, Long projectId, String resourceName, long resourceId, String eventType, Long userId, String appId) {
        for (Hook h : hooks.values()) {
            boolean scope = h.projectId() != null ? h.projectId().equals(projectId) : java.util.Objects.equals(h.companyId(), companyId);
            boolean triggered = h.triggers().stream().anyMatch(t -> t.getString("resource_name").equals(resourceName)
                    && t.getString("event_type").equals(eventType));
            if (scope && triggered) {
                var event = Json.createObjectBuilder().add("id", eventIds.incrementAndGet()).add("ulid", ulid())
                        .add("api_version", h.apiVersion()).add("company_id", companyId)
                        .add("event_type", eventType).add("resource_name", resourceName).add("resource_id", resourceId)
                        .add("timestamp", Instant.now().toString())
                        .add("metadata", Json.createObjectBuilder().add("source_application_id", appId == null ? "" : appId));
                if (projectId != null) {
                    event.add("project_id", projectId);
                } else {
                    event.addNull("project_id");
                }
                if (userId != null) {
                    event.add("user_id", userId);
                } else {
                    event.addNull("user_id");
                }
                JsonObject payload = event.build();
                scheduler.execute(() -> deliver(h, payload, 1));
            }
        }
    }

    private void deliver(Hook h, JsonObject payload, int attempt) {
        if (!hooks.containsKey(h.id())) {
            return; // deleted meanwhile
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(h.destination()).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("User-Agent", "Procore-Webhooks (simulator)")
                .POST(HttpRequest.BodyPublishers.ofString(payload.toString()));
        h.headers().forEach(request::header);
        long start = System.nanoTime();
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.net.http.HttpTimeoutException e) {
            status = 0; // Procore counts an answer after 5 seconds as failed
        } catch (java.io.IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        deliveries.addLast(new WebhookDelivery(h.id(), payload.getString("ulid"), attempt, status, millis, payload));
        while (deliveries.size() > MAX_DELIVERIES) {
            deliveries.pollFirst();
        }
        if ((status < 200 || status >= 300) && attempt < maxAttempts) {
            long delay = firstRetry.toMillis() << Math.min(attempt - 1, 20);
            scheduler.schedule(() -> deliver(h, payload, attempt + 1), delay, TimeUnit.MILLISECONDS);
        }
    }

    List<WebhookDelivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    JsonArrayBuilder hooksJson(List<Hook> list) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        list.forEach(h -> a.add(h.json()));
        return a;
    }

    void reset() {
        hooks.clear();
        deliveries.clear();
        firstRetry = Duration.ofSeconds(1);
        maxAttempts = 6;
    }

    void close() {
        scheduler.shutdownNow();
    }

    private String ulid() {
        StringBuilder sb = new StringBuilder(26);
        long time = System.currentTimeMillis();
        for (int i = 9; i >= 0; i--) {
            sb.append(ULID_CHARS.charAt((int) ((time >>> (i * 5)) & 31)));
        }
        for (int i = 0; i < 16; i++) {
            sb.append(ULID_CHARS.charAt(random.nextInt(32)));
        }
        return sb.toString();
    }

    /** @return empty API data whose project changes become webhook events of the actor on the serving thread */
    SimData newData() {
        return new SimData().onChange((project, type) -> {
            OAuthState.Token actor = ACTOR.get();
            changed(project.company().id(), project.id(), "Projects", project.id(), type,
                    actor == null ? null : actor.userId(), actor == null ? null : actor.clientId());
        });
    }
}
