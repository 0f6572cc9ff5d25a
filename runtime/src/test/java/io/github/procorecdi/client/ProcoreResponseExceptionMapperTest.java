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

    @Test
    void restV2ErrorsFillErrorCodeAndTheMessageCarriesTheReasonCodes() {
        ProcoreApiException e = ProcoreResponseExceptionMapper.toException(422, "Unprocessable Entity",
                "{\"error\":{\"code\":\"VALIDATION_ERROR\",\"message\":\"Request is invalid\",\"details\":["
                        + "{\"reason_code\":\"NAME_BLANK\",\"message\":\"name can't be blank\"},{\"reason_code\":\"DATE_ORDER\"}]}}",
                Map.of(), CLOCK);
        assertThat(e.errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(e.getMessage()).contains("VALIDATION_ERROR").contains("Request is invalid").contains("NAME_BLANK")
                .contains("name can't be blank").contains("DATE_ORDER");
        assertThat(ProcoreResponseExceptionMapper.toException(404, "Not Found", "{\"message\":\"nope\"}", Map.of(), CLOCK).errorCode())
                .as("v1 bodies have no error code").isNull();
    }

    @Test
    void aDisconnectedCompanyIsItsOwnExceptionInV1AndV2Shapes() {
        for (String body : List.of("{\"message\":\"403 Forbidden\",\"errors\":\"App is not connected to this company\"}",
                "{\"message\":\"App is not connected to this company\"}",
                "{\"error\":{\"code\":\"FORBIDDEN\",\"message\":\"App is not connected to this company\"}}")) {
            assertThat(ProcoreResponseExceptionMapper.toException(403, "Forbidden", body, Map.of(), CLOCK))
                    .as(body).isInstanceOf(io.github.procorecdi.ProcoreAppNotConnectedException.class);
        }
        assertThat(ProcoreResponseExceptionMapper.toException(403, "Forbidden", "{\"message\":\"You do not have access\"}", Map.of(), CLOCK))
                .as("any other 403").isNotInstanceOf(io.github.procorecdi.ProcoreAppNotConnectedException.class);
    }

    @Test
    void aRateLimitMessageSaysWhenItResets() {
        ProcoreApiException e = ProcoreResponseExceptionMapper.toException(429, "Too Many Requests", "", Map.of("Retry-After", List.of("30")),
                CLOCK);
        assertThat(e.getMessage()).contains("resets at 2026-01-01T00:00:30Z");
    }
}
