package io.github.procorecdi.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** No header value can throw, overflow, or wedge a connection (issue 8, item 8). */
class InputLimitsTest {
    final Clock clock = Clock.systemUTC();

    @Test
    void aResetDecadesAheadBlocksAtMostAnHour() {
        RateLimitPacer pacer = new RateLimitPacer("c", clock, RateLimitPacer.MAX_WAIT);
        long decades = Instant.now().plus(Duration.ofDays(365 * 30)).getEpochSecond();
        pacer.observe("u", 200, "0", Long.toString(decades), null);
        Instant until = pacer.blockedUntil("u");
        // treated as absent: nothing blocks at all (a reset must lie within a day to count)
        assertThat(until).isNull();
        pacer.observe("u", 200, "0", Long.toString(Instant.now().plus(Duration.ofHours(20)).getEpochSecond()), null);
        assertThat(pacer.blockedUntil("u")).as("capped at one hour").isBefore(Instant.now().plus(Duration.ofMinutes(61)));
        pacer.observe("v", 429, null, null, "86000");
        assertThat(pacer.blockedUntil("v")).isBefore(Instant.now().plus(Duration.ofMinutes(61)));
    }

    @Test
    void hugeOrMalformedValuesAreAbsentNotExceptions() {
        RateLimitPacer pacer = new RateLimitPacer("c", clock, RateLimitPacer.MAX_WAIT);
        for (String v : List.of("99999999999999999999", "9223372036854775807", "-5", "soon", "1e9", "Mon, 99 Foo 2026 00:00:00 GMT",
                "Fri, 31 Dec 9999 23:59:59 GMT")) {
            pacer.observe("u", 200, "0", v, v);
            pacer.observe("u", 429, v, v, v);
            assertThat(RateLimitHeaders.retryAfter(v, clock)).as(v).isNull();
            assertThat(RateLimitHeaders.epochSeconds(v, clock)).as(v).isNull();
            assertThat(RateLimitHeaders.retryAt(429, Map.of("Retry-After", List.of(v), "X-Rate-Limit-Reset", List.of(v)), clock)).isNull();
        }
        assertThat(pacer.blockedUntil("u")).isNull();
    }

    @Test
    void resetSetsTheRetryWaitOnlyWhenTheLimitIsSpent() {
        String reset = Long.toString(Instant.now().plusSeconds(1800).getEpochSecond());
        assertThat(RateLimitHeaders.retryAt(500, Map.of("X-Rate-Limit-Reset", List.of(reset), "X-Rate-Limit-Remaining", List.of("3000")),
                clock)).as("a 500 with the limit left: backoff, not the hour-away reset").isNull();
        assertThat(RateLimitHeaders.retryAt(503, Map.of("X-Rate-Limit-Reset", List.of(reset), "X-Rate-Limit-Remaining", List.of("0")),
                clock)).isNotNull();
        assertThat(RateLimitHeaders.retryAt(429, Map.of("X-Rate-Limit-Reset", List.of(reset)), clock)).isNotNull();
        RetryPolicy policy = new RetryPolicy(3, clock, RateLimitPacer.MAX_WAIT);
        io.github.procorecdi.ProcoreApiException fiveHundred = new io.github.procorecdi.ProcoreApiException("500", 500, "",
                Map.of("X-Rate-Limit-Reset", List.of(reset), "X-Rate-Limit-Remaining", List.of("3000")));
        assertThat(policy.waitAfter(fiveHundred, 0)).as("retried after a backoff").isNotNull().isLessThan(Duration.ofSeconds(1));
        assertThat(RetryPolicy.isRetryableStatus(500, true)).isTrue();
        assertThat(RetryPolicy.isRetryableStatus(500, false)).isFalse();
    }

    @Test
    void limitedSubjectsDoNotAccumulateForever() {
        RateLimitPacer pacer = new RateLimitPacer("c", clock, RateLimitPacer.MAX_WAIT);
        String past = Long.toString(Instant.now().minusSeconds(5).getEpochSecond());
        for (int i = 0; i < 3 * RateLimitPacer.PRUNE_ABOVE; i++) {
            pacer.observe("session:" + i, 429, null, null, "0");
        }
        pacer.observe("last", 200, "0", past, null);
        assertThat(pacer.windows()).isLessThanOrEqualTo(RateLimitPacer.PRUNE_ABOVE + 2);
    }
}
