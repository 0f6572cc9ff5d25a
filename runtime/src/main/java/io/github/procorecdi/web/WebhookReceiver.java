package io.github.procorecdi.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcoreWebhookEvent;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.internal.BoundedBody;
import io.github.procorecdi.connection.ConnectionRegistry;
import io.github.procorecdi.connection.ConnectionRuntime;
import io.github.procorecdi.internal.Digests;
import io.github.procorecdi.internal.Json;
import io.github.procorecdi.internal.LogIds;
import io.github.procorecdi.webhooks.Deliveries;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Receives Procore webhook deliveries at each connection's {@code webhooks.path}: POST only; the {@code Authorization}
 * header compared in constant time with {@code webhooks.authorization} (401 otherwise, nothing fired, nothing about
 * the value logged); bodies of at most 64 KiB; a body that is not a Procore event is a 400; a redelivery of an
 * accepted {@code ulid} is a 200 and fires nothing; synchronous observers run before the answer (one that throws: 500,
 * so Procore delivers again), asynchronous ones after the 200.
 */
final class WebhookReceiver {
    private static final Logger LOG = Logger.getLogger(WebhookReceiver.class.getName());
    private final ConnectionRegistry registry;
    private final Map<String, List<ConnectionConfig>> byPath = new LinkedHashMap<>();

    WebhookReceiver(ConnectionRegistry registry) {
        this.registry = registry;
        for (ConnectionConfig c : registry.configs().values()) {
            if (c.webhooks() != null) {
                byPath.computeIfAbsent(c.webhooks().path(), p -> new ArrayList<>()).add(c);
            }
        }
    }

    boolean isEmpty() {
        return byPath.isEmpty();
    }

    /** @return whether the request was a webhook delivery path (and was answered) */
    boolean handle(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<ConnectionConfig> candidates = byPath.get(path);
        if (candidates == null) {
            return false;
        }
        response.setHeader("Cache-Control", "no-store");
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            answer(response, 405, "Procore webhook deliveries are POSTed");
            return true;
        }
        ConnectionConfig connection = authorized(candidates, request.getHeader("Authorization"));
        if (connection == null) {
            answer(response, 401, "the Authorization header does not match this hook's destination_headers");
            return true;
        }
        String body;
        try {
            if (request.getContentLengthLong() > BoundedBody.MAX_BYTES) {
                answer(response, 413, "a Procore webhook event is far smaller than " + BoundedBody.MAX_BYTES + " bytes");
                return true;
            }
            try (InputStream in = request.getInputStream()) {
                body = BoundedBody.read(in, BoundedBody.MAX_BYTES);
            }
        } catch (BoundedBody.TooLargeException e) {
            answer(response, 413, "a Procore webhook event is far smaller than " + BoundedBody.MAX_BYTES + " bytes");
            return true;
        }
        ProcoreWebhookEvent event;
        try {
            if (Json.tooDeep(body)) {
                throw new IllegalArgumentException("the body nests arrays and objects deeper than " + Json.MAX_DEPTH + " levels");
            }
            JsonObject json = Json.tryObject(body);
            if (json == null) {
                throw new IllegalArgumentException("the body is not a JSON object");
            }
            event = ProcoreWebhookEvent.of(json);
        } catch (IllegalArgumentException e) {
            answer(response, 400, "not a Procore webhook event: " + e.getMessage());
            return true;
        }
        deliver(connection, event, response);
        return true;
    }

    private void deliver(ConnectionConfig connection, ProcoreWebhookEvent event, HttpServletResponse response) throws IOException {
        ConnectionRuntime runtime = registry.runtime(connection.name());
        Deliveries deliveries = runtime.deliveries();
        String key = runtime.storeKey() + ":" + event.deliveryKey();
        Deliveries.Claim claim;
        try {
            claim = deliveries.claim(key);
        } catch (ProcoreException e) {
            LOG.log(Level.WARNING, "{0} Procore connection ''{1}'': webhook delivery {2} not handled, its deliveries store failed: {3}",
                    new Object[] {LogIds.WEBHOOK_FAILED, connection.name(), event.deliveryKey(), e.getMessage()});
            response.setHeader("Retry-After", "30");
            answer(response, 503, "the deliveries store is unavailable; deliver again later");
            return;
        }
        if (claim == Deliveries.Claim.ACCEPTED) {
            answer(response, 200, "already received");
            return;
        }
        if (claim == Deliveries.Claim.IN_PROGRESS) {
            response.setHeader("Retry-After", "30");
            answer(response, 503, "this delivery is being handled; deliver again later");
            return;
        }
        try {
            runtime.webhookEvents().fire(event);
        } catch (RuntimeException e) {
            release(deliveries, key);
            LOG.log(Level.WARNING, "{0} Procore connection ''{1}'': an observer of webhook event {2} failed ({3}); answered 500 so that "
                    + "Procore delivers it again", new Object[] {LogIds.WEBHOOK_FAILED, connection.name(), event, e.toString()});
            answer(response, 500, "the application could not handle this event");
            return;
        }
        try {
            deliveries.accepted(key);
        } catch (ProcoreException e) {
            LOG.log(Level.WARNING, "{0} Procore connection ''{1}'': webhook event {2} handled but not recorded ({3}); a redelivery "
                    + "will be handled again", new Object[] {LogIds.WEBHOOK_FAILED, connection.name(), event, e.getMessage()});
        }
        answer(response, 200, "received");
        response.flushBuffer(); // the 200 is on its way before the asynchronous observers start
        runtime.webhookEvents().fireAsync(event);
    }

    private static void release(Deliveries deliveries, String key) {
        try {
            deliveries.release(key);
        } catch (ProcoreException e) {
            // the claim lapses after its lease; the redelivery after that is handled
        }
    }

    /** @return the connection whose {@code webhooks.authorization} equals {@code header}, compared in constant time */
    private static ConnectionConfig authorized(List<ConnectionConfig> candidates, String header) {
        if (header == null) {
            return null;
        }
        byte[] given = sha256(header);
        ConnectionConfig match = null;
        for (ConnectionConfig c : candidates) {
            // digests of equal length: MessageDigest.isEqual takes the same time whatever the value
            if (MessageDigest.isEqual(given, sha256(c.webhooks().authorization())) && match == null) {
                match = c;
            }
        }
        return match;
    }

    private static byte[] sha256(String value) {
        return Digests.sha256().digest(value.getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write("{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
