package io.github.procorecdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;


/** Issue 21 items 2 (exception types kept with the step as context) and 3 (sync items validated before anything is sent). */
class SyncAndContextTest {
    static final Map<String, List<String>> HEADERS = Map.of("Retry-After", List.of("7"));

    static List<Map<String, String>> items(int n) {
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(Map.of("origin_id", "o" + i));
        }
        return items;
    }

    @Test
    void aNullItemIsRefusedBeforeAnyBatchIsSentNamingItsIndex() {
        List<Map<String, String>> updates = items(1_500);
        updates.set(1_200, null);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> ProcoreSync.inBatches(updates, r -> {
            calls.incrementAndGet();
            return new SyncResult<>(List.of(), List.of());
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("updates[1200] is null").hasMessageContaining("nothing was sent");
        assertThat(calls).as("no batch sent").hasValue(0);

        List<Object> withNull = new ArrayList<>(List.of("a"));
        withNull.add(null);
        assertThatThrownBy(() -> new SyncRequest(withNull)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("updates[1]");
        assertThatThrownBy(() -> new SyncRequest(items(1_001))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ProcoreSync.inBatches");
    }

    /** A sync whose second batch fails with {@code failure}: what the caller catches. */
    static ProcoreException secondBatchFails(ProcoreException failure) {
        AtomicInteger calls = new AtomicInteger();
        Function<SyncRequest, SyncResult<Object>> call = r -> {
            if (calls.incrementAndGet() == 2) {
                throw failure;
            }
            return new SyncResult<>(List.of(), List.of());
        };
        try {
            ProcoreSync.inBatches(items(1_500), call);
        } catch (ProcoreException e) {
            return e;
        }
        throw new AssertionError("no failure");
    }

    @Test
    void aRateLimitedBatchIsStillARateLimitExceptionWithItsResetTime() {
        Instant reset = Instant.parse("2026-01-01T00:00:07Z");
        ProcoreException e = secondBatchFails(new ProcoreRateLimitException("Procore API answered 429", 429, "{}", HEADERS, reset));
        assertThat(e).isExactlyInstanceOf(ProcoreRateLimitException.class)
                .hasMessageStartingWith("sync batch 2 of 2 failed; 1 batch (1000 items) already applied").hasMessageEndingWith("answered 429");
        ProcoreRateLimitException r = (ProcoreRateLimitException) e;
        assertThat(r.resetAt()).isEqualTo(reset);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("retry-after")).isEqualTo("7");
        assertThat(r.getCause()).isInstanceOf(ProcoreRateLimitException.class);
    }

    @Test
    void aDisconnectedCompanyKeepsItsTypeAndCompany() {
        ProcoreException e = secondBatchFails(new ProcoreAppNotConnectedException("403 App is not connected", 403, "{}", Map.of(), 42L));
        assertThat(e).isExactlyInstanceOf(ProcoreAppNotConnectedException.class).hasMessageContaining("sync batch 2 of 2");
        assertThat(((ProcoreAppNotConnectedException) e).companyId()).isEqualTo(42L);
        assertThat(((ProcoreAppNotConnectedException) e).status()).isEqualTo(403);
    }

    @Test
    void anAuthorizationRequiredIsTheSameExceptionWithTheStepAttached() {
        ProcoreAuthorizationRequiredException original = new ProcoreAuthorizationRequiredException("c", "alice",
                URI.create("https://login.example/oauth/authorize"), "refresh token dead");
        ProcoreException e = secondBatchFails(original);
        assertThat(e).isSameAs(original);
        assertThat(original.authorizationUri()).hasToString("https://login.example/oauth/authorize");
        assertThat(e.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasMessageContaining("sync batch 2 of 2 failed"));
    }

    @Test
    void theOtherTypesKeepTheirFieldsToo() {
        ProcoreException api = FailureContext.withContext("upload 7: create failed: ",
                new ProcoreApiException("Procore API answered 422", 422, "{\"error\":{\"code\":\"VALIDATION_ERROR\"}}", HEADERS));
        assertThat(api).isExactlyInstanceOf(ProcoreApiException.class).hasMessage("upload 7: create failed: Procore API answered 422");
        assertThat(((ProcoreApiException) api).errorCode()).isEqualTo("VALIDATION_ERROR");
        ProcoreException token = FailureContext.withContext("step: ", new ProcoreTokenException("refused", 400, "invalid_grant", "dead", null));
        assertThat(token).isExactlyInstanceOf(ProcoreTokenException.class).hasMessage("step: refused");
        assertThat(((ProcoreTokenException) token).error()).isEqualTo("invalid_grant");
        assertThat(FailureContext.withContext("step: ", new ProcoreException("boom"))).isExactlyInstanceOf(ProcoreException.class)
                .hasMessage("step: boom");
    }
}
