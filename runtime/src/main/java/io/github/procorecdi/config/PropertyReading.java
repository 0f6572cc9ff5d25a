package io.github.procorecdi.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import io.github.procorecdi.internal.Hosts;

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
        return config.value(key.of(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    String required(ConfigKey key) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            problem(key, "required but not set");
        }
        return v.orElse(null);
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

    URI baseUrl(ConfigKey key, URI fallback) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return fallback;
        }
        URI uri = httpUrl(key, v.get());
        if (uri == null) {
            return fallback;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problem(key, "'" + v.get() + "' must not have a query or fragment");
        }
        String s = uri.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** @return the parsed http(s) URL, or null with a problem added */
    URI httpUrl(ConfigKey key, String v) {
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            problem(key, "'" + v + "' is not a valid URL (" + e.getReason() + ")");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            problem(key, "'" + v + "' is not an absolute http(s) URL with a host");
            return null;
        }
        if (scheme.equals("http") && !Hosts.isLoopback(uri.getHost())) {
            problem(key, "'" + v + "' uses http with a non-loopback host; use https (http is allowed only for localhost/127.0.0.1/[::1])");
            return null;
        }
        return uri;
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
