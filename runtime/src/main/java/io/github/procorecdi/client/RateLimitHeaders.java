package io.github.procorecdi.client;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.github.procorecdi.internal.Headers;

/**
 * Reads Procore's {@code Retry-After} and {@code X-Rate-Limit-*} headers. A value that does not parse,
 * or that lies absurdly far away (more than {@link #HORIZON} from now), is treated as absent: no header
 * value can throw, overflow, or block a connection for longer than the pacer's cap.
 */
final class RateLimitHeaders {
    static final String REMAINING = "X-Rate-Limit-Remaining";
    static final String RESET = "X-Rate-Limit-Reset";
    static final String RETRY_AFTER = "Retry-After";
    /** How far ahead a reset may sensibly lie; Procore's windows are an hour at most. */
    static final Duration HORIZON = Duration.ofDays(1);

    private RateLimitHeaders() {
    }

    /**
     * @return when a failed call may be retried: {@code Retry-After} if present; else {@code X-Rate-Limit-Reset}, but only when
     *         the answer is a 429 or says {@code X-Rate-Limit-Remaining: 0} (Procore sends Reset on every answer); else {@code null}
     */
    static Instant retryAt(int status, Map<String, List<String>> headers, Clock clock) {
        Instant retryAfter = retryAfter(first(headers, RETRY_AFTER), clock);
        if (retryAfter != null) {
            return retryAfter;
        }
        Long remaining = number(first(headers, REMAINING));
        if (status == 429 || (remaining != null && remaining <= 0)) {
            return epochSeconds(first(headers, RESET), clock);
        }
        return null;
    }

    /** Parses {@code Retry-After}: delay-seconds or an HTTP date. */
    static Instant retryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        Instant now = clock.instant();
        Instant at;
        try {
            long seconds = Long.parseLong(v);
            if (seconds < 0 || seconds > HORIZON.toSeconds()) {
                return null;
            }
            at = now.plusSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeException e2) {
                return null;
            }
        }
        return near(at, now) ? at : null;
    }

    static Instant epochSeconds(String value, Clock clock) {
        Long seconds = number(value);
        if (seconds == null || seconds < 0 || seconds > Instant.MAX.getEpochSecond()) {
            return null;
        }
        Instant at = Instant.ofEpochSecond(seconds);
        return near(at, clock.instant()) ? at : null;
    }

    static Long number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String first(Map<String, List<String>> headers, String name) {
        return Headers.first(headers, name);
    }

    private static boolean near(Instant at, Instant now) {
        return !at.isAfter(now.plus(HORIZON)) && !at.isBefore(now.minus(HORIZON));
    }
}
