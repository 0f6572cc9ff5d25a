package io.github.procorecdi.client;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Reads Procore's {@code Retry-After} and {@code X-Rate-Limit-*} headers. */
final class RateLimitHeaders {
    static final String REMAINING = "X-Rate-Limit-Remaining";
    static final String RESET = "X-Rate-Limit-Reset";
    static final String RETRY_AFTER = "Retry-After";

    private RateLimitHeaders() {
    }

    /** @return when the limit resets: {@code Retry-After} if present, else {@code X-Rate-Limit-Reset}, else {@code null} */
    static Instant resetAt(Map<String, List<String>> headers, Clock clock) {
        Instant retryAfter = retryAfter(first(headers, RETRY_AFTER), clock);
        return retryAfter != null ? retryAfter : epochSeconds(first(headers, RESET));
    }

    /** Parses {@code Retry-After}: delay-seconds or an HTTP date. */
    static Instant retryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : clock.instant().plusSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static Instant epochSeconds(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
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
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
