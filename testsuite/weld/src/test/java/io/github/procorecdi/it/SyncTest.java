package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreSync;
import io.github.procorecdi.SyncResult;
import io.github.procorecdi.simulator.ProcoreSimulator;
import io.github.procorecdi.simulator.RecordedRequest;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** Sync actions in batches of at most 1,000, merged; item errors inside a 200; an HTTP failure stops the run. */
class SyncTest {
    private static WeldContainer container;
    private static Uses uses;
    private final ProcoreSimulator sim = Sim.get();

    @Dependent
    public static class Uses {
        @Inject @ProcoreClient SyncApi projects;
    }

    @BeforeAll
    static void boot() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        container = WeldBoot.boot(config, Uses.class, SyncApi.class);
        uses = container.select(Uses.class).get();
    }

    @AfterAll
    static void shutdown() {
        container.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    static List<Map<String, Object>> updates(int n, String prefix) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(Map.of("origin_id", "erp-" + i, "name", prefix + " " + i));
        }
        return list;
    }

    private int syncCalls() {
        return (int) sim.apiRequests().stream().filter(r -> r.path().equals("/rest/v1.0/projects/sync")).count();
    }

    @Test
    void twoAndAHalfThousandUpdatesGoInThreeCallsAndMergeInOrder() {
        SyncResult<SyncedProject> created = ProcoreSync.inBatches(updates(2_500, "Site"), uses.projects::sync);
        assertThat(syncCalls()).isEqualTo(3);
        assertThat(created.hasErrors()).isFalse();
        assertThat(created.entities()).hasSize(2_500);
        assertThat(created.entities()).extracting(SyncedProject::originId).startsWith("erp-0", "erp-1").endsWith("erp-2499");
        assertThat(created.entities().get(1_000).originId()).isEqualTo("erp-1000");

        // the same origin ids again: updated, not duplicated
        SyncResult<SyncedProject> updated = ProcoreSync.inBatches(updates(2_500, "Renamed"), uses.projects::sync);
        assertThat(updated.entities()).extracting(SyncedProject::id)
                .containsExactlyElementsOf(created.entities().stream().map(SyncedProject::id).toList());
        assertThat(updated.entities().get(7).name()).isEqualTo("Renamed 7");
        assertThat(syncCalls()).isEqualTo(6);
        assertThat(sim.apiRequests()).allSatisfy(r -> assertThat(r.header("Procore-Company-Id")).isEqualTo("101"));
    }

    @Test
    void failedItemsAreErrorsInsideA200() {
        List<Map<String, Object>> mixed = List.of(Map.of("origin_id", "ok-1", "name", "Fine"),
                Map.of("id", 424242, "name", "No such project"), Map.of("origin_id", "ok-2"));
        SyncResult<SyncedProject> result = uses.projects.sync(new io.github.procorecdi.SyncRequest(mixed));
        assertThat(sim.lastApiRequest().status()).isEqualTo(200);
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.entities()).extracting(SyncedProject::originId).containsExactly("ok-1");
        assertThat(result.errors()).hasSize(2);
        assertThat(result.errors().get(0).getInt("id")).isEqualTo(424242);
        assertThat(result.errors().get(0).getJsonObject("errors").containsKey("id")).isTrue();
        assertThat(result.errors().get(1).getJsonObject("errors").containsKey("name")).isTrue();
    }

    @Test
    void anHttpFailureStopsTheRunSayingHowManyBatchesWereApplied() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> ProcoreSync.inBatches(updates(2_500, "Site"), batch -> {
            if (calls.incrementAndGet() == 2) {
                sim.faults().failNextApiCalls(1, 422, null);
            }
            return uses.projects.sync(batch);
        })).isInstanceOfSatisfying(ProcoreApiException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.getMessage()).startsWith("sync batch 2 of 3 failed; 1 batch (1000 items) already applied, the rest not sent");
        });
        assertThat(calls).hasValue(2);
        assertThat(sim.apiRequests()).extracting(RecordedRequest::status).containsExactly(200, 422);
    }

    @Test
    void noUpdatesMakeNoCall() {
        assertThat(ProcoreSync.inBatches(List.of(), uses.projects::sync).entities()).isEmpty();
        assertThat(syncCalls()).isZero();
    }
}
