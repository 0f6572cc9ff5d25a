package io.github.procorecdi.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Webhook deliveries on Quarkus (quarkus-undertow): CDI events of type {@code ProcoreWebhookEvent} qualified
 * {@code @ProcoreClient("x")}, once per delivery, synchronous observers before the answer and asynchronous ones after.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(FeatureConnectionsResource.class)
class WebhookEventsTest {
    private static final String HOOK = "http://127.0.0.1:8081/procore/webhooks";
    private static final String AUTHORIZATION = "Bearer whk-quarkus-3f9a1c7e5b2d4f6a";

    @Inject
    WebhookLog log;

    private static HttpResponse<String> deliver(String authorization, String body) throws Exception {
        return new Browser().post(HOOK, "application/json", body, authorization == null ? Map.of() : Map.of("Authorization", authorization));
    }

    private static String delivery(String ulid) {
        return "{\"api_version\":\"v2\",\"company_id\":101,\"project_id\":1001,\"event_type\":\"update\",\"id\":42,"
                + "\"ulid\":\"" + ulid + "\",\"resource_name\":\"Projects\",\"resource_id\":1001,\"timestamp\":\"2026-12-01T10:00:00Z\"}";
    }

    @Test
    void aDeliveryBecomesOneQualifiedEventAndAWrongAuthorizationIsRefused() throws Exception {
        String ulid = String.format("01JE0Q%020d", System.nanoTime() % 100_000_000_000_000_000L); // 26 Crockford base32 characters
        assertThat(deliver(null, delivery(ulid)).statusCode()).isEqualTo(401);
        assertThat(deliver("Bearer guessing", delivery(ulid)).statusCode()).isEqualTo(401);
        assertThat(deliver(AUTHORIZATION, "{not json").statusCode()).isEqualTo(400);
        assertThat(log.sync()).as("nothing fired for refused deliveries").noneMatch(e -> e.startsWith(ulid));

        HttpResponse<String> first = deliver(AUTHORIZATION, delivery(ulid));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(log.sync()).as("the synchronous observer ran before the answer").contains(ulid + " update Projects 1001");
        assertThat(deliver(AUTHORIZATION, delivery(ulid)).statusCode()).as("a redelivery is answered 200").isEqualTo(200);
        assertThat(log.sync()).as("and not fired again").filteredOn(e -> e.startsWith(ulid)).hasSize(1);

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!log.async().contains(ulid) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(log.async()).as("the asynchronous observer ran once").filteredOn(ulid::equals).hasSize(1);
        assertThat(log.other()).as("an observer of another connection's events").doesNotContain(ulid);
    }
}
