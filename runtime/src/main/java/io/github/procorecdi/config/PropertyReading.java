package io.github.procorecdi.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;


/** PropertyReading the properties of one connection, collecting problems by property. */
final class PropertyReading {
    private final ConfigLookup config;
    final String name;
    final ConfigProblems problems;

    PropertyReading(ConfigLookup config, String name, ConfigProblems problems) {
        this.config = config;
        this.name = name;
        this.problems = problems;
    }

    void problem(ConfigKey key, String problem) {
        problems.add(key.of(name), problem);
    }

    /** @return the trimmed value, empty when unset or blank */
    Optional<String> optional(ConfigKey key) {
        Optional<String> value = config.value(key.of(name));
        if (value.isEmpty()) {
            return value;
        }
        String trimmed = value.get().trim();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }

    /** @return the parsed duration ({@link ConfigRules} judge its value), or {@code fallback} with a problem added */
    Duration duration(ConfigKey key, Duration fallback) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Duration.parse(v.get());
        } catch (DateTimeParseException e) {
            problem(key, "'" + v.get() + "' is not an ISO-8601 duration such as PT5M or PT30S");
            return fallback;
        }
    }

    Duration duration(ConfigKey key, Duration fallback, boolean zeroAllowed) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(v.get());
            if (d.isNegative() || (!zeroAllowed && d.isZero())) {
                problem(key, "'" + v.get() + "' must be " + (zeroAllowed ? "zero or positive" : "positive"));
                return fallback;
            }
            return d;
        } catch (DateTimeParseException e) {
            problem(key, "'" + v.get() + "' is not an ISO-8601 duration such as PT5M or PT30S");
            return fallback;
        }
    }

    /** @return the parsed number ({@link ConfigRules} judge its value), or {@code fallback} with a problem added */
    int integer(ConfigKey key, int fallback) {
        return integer(key, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    int integer(ConfigKey key, int fallback, int min, int max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                problem(key, "'" + v.get() + "' must be between " + min + " and " + max);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(key, "'" + v.get() + "' is not a whole number");
            return fallback;
        }
    }

    boolean bool(ConfigKey key, boolean fallback) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return fallback;
        }
        String s = v.get().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            problem(key, "'" + v.get() + "' is neither true nor false");
            return fallback;
        }
        return Boolean.parseBoolean(s);
    }

    /** @return the URL without a trailing '/' ({@link ConfigRules} judge it), or {@code fallback} with a problem added */
    URI baseUrl(ConfigKey key, URI fallback) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return fallback;
        }
        String s = v.get().endsWith("/") ? v.get().substring(0, v.get().length() - 1) : v.get();
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            problem(key, "'" + v.get() + "' is not a valid URL (" + e.getReason() + ")");
            return fallback;
        }
    }

    String path(ConfigKey key, String fallback) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String v = value.get();
        if (!v.startsWith("/") || v.startsWith("//") || v.contains("?") || v.contains("#") || v.contains("*")) {
            problem(key, "'" + v + "' must be a path starting with '/', without query, fragment or wildcard");
            return fallback;
        }
        return v;
    }
}
