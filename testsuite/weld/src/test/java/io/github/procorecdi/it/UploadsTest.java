package io.github.procorecdi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcoreUpload;
import io.github.procorecdi.UploadTarget;
import io.github.procorecdi.simulator.ProcoreSimulator;
import io.github.procorecdi.simulator.RecordedRequest;
import io.github.procorecdi.simulator.SimUpload;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** Procore's unified upload flow against the simulator's API and its separate storage host, asserted on the wire. */
class UploadsTest {
    private static final int MIB = 1024 * 1024;
    private static WeldContainer container;
    private static Uses uses;
    private final ProcoreSimulator sim = Sim.get();

    @Dependent
    public static class Uses {
        @Inject @ProcoreClient ProcoreConnection connection;
        @Inject @ProcoreClient("patient") ProcoreConnection patient;
    }

    @BeforeAll
    static void boot() {
        Map<String, String> config = new TreeMap<>(Sim.dmsa("default"));
        config.put("procore.default.uploads.segment-size", String.valueOf(MIB));
        config.put("procore.default.uploads.timeout", "PT1S");
        config.putAll(Sim.dmsa("patient"));
        config.put("procore.patient.uploads.segment-size", String.valueOf(MIB));
        container = WeldBoot.boot(config, Uses.class);
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

    @Test
    void aProjectUploadIsSegmentedVerifiedAndAvailableAndStorageGetsNothingOfOurs(@TempDir Path dir) throws Exception {
        Path file = randomFile(dir.resolve("site-photo.jpg"), 2 * MIB + MIB / 2);
        List<long[]> progress = new CopyOnWriteArrayList<>();
        ProcoreUpload upload = uses.connection.uploads().upload(UploadTarget.project(101, 1001), file, null,
                (bytes, total) -> progress.add(new long[] {bytes, total}));

        assertThat(upload.status()).isEqualTo("available");
        assertThat(upload.fileName()).isEqualTo("site-photo.jpg");
        assertThat(upload.fileSize()).isEqualTo(Files.size(file));
        assertThat(upload.contentType()).isEqualTo("image/jpeg");
        assertThat(progress).extracting(p -> p[0]).containsExactly((long) MIB, 2L * MIB, 2L * MIB + MIB / 2);
        assertThat(progress).extracting(p -> p[1]).containsOnly(Files.size(file));

        SimUpload stored = sim.uploads().get(0);
        assertThat(stored.uploadId()).isEqualTo(upload.uploadId());
        assertThat(stored.projectId()).isEqualTo(1001L);
        assertThat(stored.segments()).isEqualTo(3);
        assertThat(stored.status()).isEqualTo("available");

        List<RecordedRequest> puts = sim.storageRequests();
        assertThat(puts).hasSize(3).allSatisfy(put -> {
            assertThat(put.method()).isEqualTo("PUT");
            assertThat(put.status()).isEqualTo(200);
            assertThat(put.headers().keySet()).as("nothing of ours on the storage host")
                    .doesNotContain("authorization", "cookie").noneMatch(h -> h.startsWith("procore-"));
            assertThat(put.header("Content-Type")).isEqualTo("image/jpeg");
            assertThat(put.header("x-amz-server-side-encryption")).isEqualTo("AES256");
        });
        assertThat(puts).extracting(RecordedRequest::path)
                .containsExactly("/storage/" + upload.uploadId() + "/0", "/storage/" + upload.uploadId() + "/1",
                        "/storage/" + upload.uploadId() + "/2");

        List<RecordedRequest> api = sim.apiRequests();
        assertThat(api).extracting(RecordedRequest::method).startsWith("POST", "PATCH").containsOnly("POST", "PATCH", "GET");
        String base = "/rest/v2.1/companies/101/projects/1001/uploads";
        assertThat(api.get(0).path()).isEqualTo(base);
        assertThat(api.get(1).path()).isEqualTo(base + "/" + upload.uploadId());
        assertThat(api).allSatisfy(r -> {
            assertThat(r.header("Procore-Company-Id")).isEqualTo("101");
            assertThat(r.header("Authorization")).startsWith("Bearer ");
        });
    }

    @Test
    void aCompanyUploadProbesTheContentTypeAndTheTargetsCompanyWinsOverCompanyId(@TempDir Path dir) throws Exception {
        Path file = randomFile(dir.resolve("drawing.pdf"), 10_000);
        ProcoreUpload upload = uses.connection.uploads().upload(UploadTarget.company(202), file);
        assertThat(upload.status()).isEqualTo("available");
        assertThat(upload.contentType()).isEqualTo("application/pdf");
        assertThat(sim.uploads()).singleElement().satisfies(u -> {
            assertThat(u.companyId()).isEqualTo(202);
            assertThat(u.projectId()).isNull();
            assertThat(u.segments()).isEqualTo(1);
        });
        assertThat(sim.apiRequests()).allSatisfy(r -> assertThat(r.header("Procore-Company-Id")).isEqualTo("202"));
    }

    @Test
    void aFailedSegmentPutIsSentAgain(@TempDir Path dir) throws Exception {
        Path file = randomFile(dir.resolve("a.bin"), MIB + 10);
        sim.failNextSegmentPuts(2, 503);
        ProcoreUpload upload = uses.connection.uploads().upload(UploadTarget.project(101, 1002), file);
        assertThat(upload.status()).isEqualTo("available");
        assertThat(sim.storageRequests()).extracting(RecordedRequest::status).containsExactly(503, 503, 200, 200);
    }

    @Test
    void anExpiredUrlEndsTheUploadNamingItsIdAndStep(@TempDir Path dir) throws Exception {
        Path file = randomFile(dir.resolve("a.bin"), 5_000);
        sim.expireUploadUrls();
        assertThatThrownBy(() -> uses.connection.uploads().upload(UploadTarget.project(101, 1001), file))
                .isInstanceOfSatisfying(ProcoreApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    String id = sim.uploads().get(0).uploadId();
                    assertThat(e.getMessage()).contains("upload " + id + ": segment 1 of 1").contains("expired");
                });
        assertThat(sim.storageRequests()).as("a 403 is not retried").hasSize(1);
    }

    /** Issue 21 item 2: a failed step keeps the exception's type and fields, so the usual catch clauses work. */
    @Test
    void aFailedStepKeepsTheExceptionTypeAndItsFields(@TempDir Path dir) throws Exception {
        Path file = randomFile(dir.resolve("a.bin"), 5_000);
        sim.faults().failNextApiCalls(10, 429, 1);
        assertThatThrownBy(() -> uses.connection.uploads().upload(UploadTarget.project(101, 1001), file))
                .isInstanceOfSatisfying(io.github.procorecdi.ProcoreRateLimitException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.resetAt()).isNotNull();
                    assertThat(e.getMessage()).startsWith("upload of a.bin: create failed");
                });
        sim.reset();
        sim.disconnectCompany(202);
        assertThatThrownBy(() -> uses.patient.uploads().upload(UploadTarget.company(202), file))
                .isInstanceOfSatisfying(io.github.procorecdi.ProcoreAppNotConnectedException.class, e -> {
                    assertThat(e.companyId()).isEqualTo(202L);
                    assertThat(e.getMessage()).startsWith("upload of a.bin: create failed");
                });
        assertThat(sim.storageRequests()).isEmpty();
    }

    @Test
    void aRefusedCreateNamesTheStep(@TempDir Path dir) throws Exception {
        Path file = randomFile(dir.resolve("a.bin"), 5_000);
        assertThatThrownBy(() -> uses.connection.uploads().upload(UploadTarget.project(101, 999_999_999_999L), file))
                .isInstanceOfSatisfying(ProcoreApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo("NOT_FOUND");
                    assertThat(e.getMessage()).startsWith("upload of a.bin: create failed");
                });
        assertThat(sim.storageRequests()).isEmpty();
    }

    @Test
    void anUploadThatNeverBecomesAvailableFailsAtTheDeadline(@TempDir Path dir) throws Exception {
        Path file = randomFile(dir.resolve("a.bin"), 5_000);
        sim.uploadAvailableDelay(Duration.ofSeconds(30));
        long start = System.nanoTime();
        assertThatThrownBy(() -> uses.connection.uploads().upload(UploadTarget.company(101), file))
                .isInstanceOf(ProcoreException.class).hasMessageContaining("not available after PT1S")
                .hasMessageContaining("last status 'complete'").hasMessageContaining("uploads.timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        // the default connection's deadline is short; with the default (10 minutes) the same upload waits it out
        sim.uploadAvailableDelay(Duration.ofMillis(1500));
        assertThat(uses.patient.uploads().upload(UploadTarget.company(101), file).status()).isEqualTo("available");
    }

    @Test
    void aFileLargerThanTheHeapIsStreamed(@TempDir Path dir) throws Exception {
        // a child JVM with a 64 MiB heap uploads a 300 MiB file in 100 MiB segments: buffering one segment would not fit
        Path file = dir.resolve("big.bin");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(300L * MIB);
            f.seek(150L * MIB);
            f.write("not only zeros".getBytes());
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), UploadChild.class.getName(), sim.loginUrl().toString(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("available 314572800");
        assertThat(sim.uploads()).singleElement().satisfies(u -> {
            assertThat(u.segments()).isEqualTo(3);
            assertThat(u.fileSize()).isEqualTo(300L * MIB);
        });
    }

    static Path randomFile(Path file, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(file, bytes);
    }
}
