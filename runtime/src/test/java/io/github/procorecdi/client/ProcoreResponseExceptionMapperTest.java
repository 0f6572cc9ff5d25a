package io.github.procorecdi.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreRateLimitException;

class ProcoreResponseExceptionMapperTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void carriesProcoreMessageAndErrors() {
        ProcoreApiException e = ProcoreResponseExceptionMapper.toException(422, "Unprocessable Entity",
                "{\"message\":\"Unprocessable Entity\",\"errors\":{\"name\":[\"can't be blank\"]}}", Map.of("X-Request-Id", List.of("r1")), CLOCK);
        assertThat(e).isNotInstanceOf(ProcoreRateLimitException.class);
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.getMessage()).contains("422").contains("can't be blank");
        assertThat(e.header("x-request-id")).isEqualTo("r1");
        assertThat(e.body()).contains("errors");
    }

    @Test
    void tooManyRequestsIsARateLimitExceptionWithResetFromRetryAfterOrResetHeader() {
        ProcoreRateLimitException retryAfter = (ProcoreRateLimitException) ProcoreResponseExceptionMapper.toException(429, null, "",
                Map.of("Retry-After", List.of("30")), CLOCK);
        assertThat(retryAfter.resetAt()).isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));

        ProcoreRateLimitException reset = (ProcoreRateLimitException) ProcoreResponseExceptionMapper.toException(429, null, "",
                Map.of("X-Rate-Limit-Reset", List.of("1767225700")), CLOCK);
        assertThat(reset.resetAt()).isEqualTo(Instant.ofEpochSecond(1767225700));
    }

    @Test
    void nonJsonBodyGivesPlainMessage() {
        ProcoreApiException e = ProcoreResponseExceptionMapper.toException(502, "Bad Gateway", "<html>", Map.of(), CLOCK);
        assertThat(e.getMessage()).isEqualTo("Procore API answered 502 Bad Gateway");
    }
}
