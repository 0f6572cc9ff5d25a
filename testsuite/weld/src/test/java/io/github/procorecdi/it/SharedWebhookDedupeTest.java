package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two CDI containers behind a load balancer, each with its own servlet container, sharing the jdbc store on
 * PostgreSQL: a webhook redelivery that reaches the other node is not fired twice, and a delivery whose observer
 * failed is fired again wherever its redelivery lands.
 */
class SharedWebhookDedupeTest {
    static final String URL = SharedJdbcStoreTest.URL;
    static final String TABLE = "procore_tokens_whk" + Math.abs(ThreadLocalRandom.current().nextInt());
    static final List<WeldContainer> CONTAINERS = new ArrayList<>();
    static final List<WebhookApp> NODES = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        for (int i = 0; i < 2; i++) {
            Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
            config.put("procore.default.token-store", "jdbc");
            config.put("procore.default.token-store.jdbc-url", URL);
            config.put("procore.default.token-store.username", "postgres");
            config.put("procore.default.token-store.table", TABLE);
            config.put("procore.default.webhooks.path", "/hooks/procore");
            config.put("procore.default.webhooks.authorization", WebhooksTest.SECRET);
            WeldContainer c = WeldBoot.boot(config, WebhookObservers.class);
            CONTAINERS.add(c);
            NODES.add(new WebhookApp(c));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (WebhookApp n : NODES) {
            n.close();
        }
        CONTAINERS.forEach(WeldContainer::close);
        try (Connection c = DriverManager.getConnection(URL, "postgres", null); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS " + TABLE + "_webhooks");
            s.executeUpdate("DROP TABLE IF EXISTS " + TABLE);
        }
    }

    @BeforeEach
    void reset() {
        WebhookObservers.reset();
    }

    int post(int node, String ulid) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(NODES.get(node).base + "/hooks/procore"))
                    .header("Authorization", WebhooksTest.SECRET).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(WebhooksTest.legacyEvent(ulid).toString())).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String ulid(String prefix, int i) {
        return String.format("%s%020d", prefix, i);
    }

    @Test
    void aRedeliveryToTheOtherNodeIsNotFiredAgain() {
        assertThat(post(0, ulid("01JDZ9", 1))).isEqualTo(200);
        assertThat(post(1, ulid("01JDZ9", 1))).isEqualTo(200);
        assertThat(post(0, ulid("01JDZ9", 1))).isEqualTo(200);
        assertThat(WebhookObservers.SYNC_CALLS).hasValue(1);
    }

    @Test
    void theSameDeliveryReachingBothNodesAtOnceIsFiredOnce() throws Exception {
        WebhookObservers.SYNC_MILLIS.set(50); // both requests overlap the observer
        int events = 20;
        List<CompletableFuture<int[]>> pairs = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            String id = ulid("01JDZA", i);
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> post(0, id));
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> post(1, id));
            pairs.add(a.thenCombine(b, (x, y) -> new int[] {x, y}));
        }
        int retried = 0;
        for (int i = 0; i < events; i++) {
            int[] answers = pairs.get(i).get();
            assertThat(answers).as("one node handles it; the other answers 200 or asks for a redelivery")
                    .contains(200).containsAnyOf(200, 503);
            if (answers[0] == 503 || answers[1] == 503) {
                retried++;
                assertThat(post(answers[0] == 503 ? 0 : 1, ulid("01JDZA", i))).as("Procore's redelivery").isEqualTo(200);
            }
        }
        assertThat(WebhookObservers.SYNC_CALLS).as("each of the " + events + " events fired once across both nodes (" + retried
                + " overlapping deliveries asked to be sent again)").hasValue(events);
        assertThat(WebhookObservers.HANDLED).extracting(e -> e.ulid()).doesNotHaveDuplicates().hasSize(events);
    }

    @Test
    void aDeliveryWhoseObserverFailedIsFiredAgainOnTheOtherNode() {
        WebhookObservers.FAILURES_TO_COME.set(1);
        assertThat(post(0, ulid("01JDZB", 1))).isEqualTo(500);
        assertThat(post(1, ulid("01JDZB", 1))).as("not marked delivered: fired again").isEqualTo(200);
        assertThat(post(0, ulid("01JDZB", 1))).isEqualTo(200);
        assertThat(WebhookObservers.SYNC_CALLS).hasValue(2);
        assertThat(WebhookObservers.HANDLED).hasSize(1);
    }

    /** Issue 21 item 4: with the jdbc store, a ulid longer than its key column was a 503 forever (logged as a store failure). */
    @Test
    void aUlidThatIsNoUlidIs400NotAStoreFailure() {
        assertThat(post(0, "01JDZC".repeat(50))).isEqualTo(400);
        assertThat(post(1, "01JDZC".repeat(50))).as("the same answer on every delivery").isEqualTo(400);
        assertThat(WebhookObservers.SYNC_CALLS).hasValue(0);
    }
}
