package io.github.procorecdi.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.procorecdi.ProcoreSync;
import io.github.procorecdi.ProcoreUpload;
import io.github.procorecdi.SyncResult;
import io.github.procorecdi.UploadTarget;
import io.github.procorecdi.simulator.ProcoreSimulator;
import io.github.procorecdi.simulator.RecordedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Procore's unified upload flow ({@code ProcoreUploads}) and sync actions ({@code ProcoreSync}) through Quarkus' REST client. */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(FeatureConnectionsResource.class)
class UploadsAndSyncTest {
    @Inject
    ProcoreUses uses;
    @Inject
    FeatureUses features;

    /** A valid token of connection x first: another test may have expired every token (a 401 renewal adds a request). */
    private ProcoreSimulator freshSimulator() {
        assertThat(uses.x().forCompany(101).client(CompaniesApi.class).list()).isNotEmpty();
        ProcoreSimulator sim = SimulatorResource.sim();
        sim.reset();
        return sim;
    }

    @Test
    void aProjectUploadIsAvailableAndStorageGetsNothingOfOurs(@TempDir Path dir) throws Exception {
        ProcoreSimulator sim = freshSimulator();
        Path file = dir.resolve("site-photo.jpg");
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        Files.write(file, bytes);
        ProcoreUpload upload = uses.x().uploads().upload(UploadTarget.project(101, 1001), file);
        assertThat(upload.status()).isEqualTo("available");
        assertThat(upload.fileName()).isEqualTo("site-photo.jpg");
        assertThat(upload.fileSize()).isEqualTo(bytes.length);
        assertThat(sim.uploads()).singleElement().satisfies(u -> {
            assertThat(u.uploadId()).isEqualTo(upload.uploadId());
            assertThat(u.projectId()).isEqualTo(1001L);
        });
        assertThat(sim.storageRequests()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.header("Authorization")).as("no access token to storage").isNull();
            assertThat(r.header("Procore-Company-Id")).isNull();
        });
        assertThat(sim.apiRequests()).extracting(RecordedRequest::path).allSatisfy(p -> assertThat(p).contains("upload"));
        assertThat(sim.apiRequests()).allSatisfy(r -> assertThat(r.header("Procore-Company-Id")).isEqualTo("101"));
    }

    @Test
    void fifteenHundredUpdatesGoInTwoCallsAndMergeInOrder() {
        ProcoreSimulator sim = freshSimulator();
        List<Map<String, Object>> updates = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            updates.add(Map.of("origin_id", "erp-q-" + i, "name", "Site " + i));
        }
        SyncResult<SyncedProject> created = ProcoreSync.inBatches(updates, features.sync()::sync);
        assertThat(sim.apiRequests()).filteredOn(r -> r.path().equals("/rest/v1.0/projects/sync")).hasSize(2);
        assertThat(created.hasErrors()).isFalse();
        assertThat(created.entities()).hasSize(1_500);
        assertThat(created.entities()).extracting(SyncedProject::originId).startsWith("erp-q-0", "erp-q-1").endsWith("erp-q-1499");
        assertThat(created.entities().get(1_000).name()).isEqualTo("Site 1000");
    }
}
