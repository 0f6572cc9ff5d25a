package io.github.procorecdi.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.internal.Hosts;

/**
 * The rules a connection's typed settings must satisfy, in one place: {@link ConnectionConfig.Builder#build()} applies
 * them to whatever built the configuration (MicroProfile Config through {@link ConnectionConfigReader}, a map through
 * {@code ProcoreConnections.open}, code). Each problem names its {@code procore.<name>.*} property; a secret's value is
 * never quoted. Syntax (is it a duration, a number, a URL at all) is the reader's; what a parsed value may be is here.
 */
final class ConfigRules {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    static final Pattern COMPANY_ID = Pattern.compile("[1-9]\\d{0,18}");
    static final int MAX_RETRIES_LIMIT = 10;

    private final String name;
    private final ConfigProblems problems;

    private ConfigRules(String name, ConfigProblems problems) {
        this.name = name;
        this.problems = problems;
    }

    /** @return the problems of {@code s}, each naming its property; empty when there are none */
    static ConfigProblems check(ConnectionConfig s) {
        String name = s.name();
        ConfigProblems problems = new ConfigProblems();
        if (!NAME.matcher(name).matches()) {
            problems.add("@ProcoreClient(\"" + name + "\")", "a connection name may contain only letters, digits, '-' and '_'");
            return problems;
        }
        ConfigRules rules = new ConfigRules(name, problems);
        rules.required(ConfigKey.CLIENT_ID, s.clientId());
        rules.required(ConfigKey.CLIENT_SECRET, s.clientSecret());
        if (s.grantType() == null) {
            rules.problem(ConfigKey.GRANT_TYPE, "required but not set; use authorization_code or client_credentials");
        } else if (s.grantType() == GrantType.AUTHORIZATION_CODE) {
            rules.redirectUri(s.redirectUri());
        }
        rules.baseUrl(ConfigKey.LOGIN_URL, s.loginUrl());
        rules.baseUrl(ConfigKey.API_URL, s.apiUrl());
        if (s.companyId() != null && !COMPANY_ID.matcher(s.companyId()).matches()) {
            rules.problem(ConfigKey.COMPANY_ID, "'" + s.companyId() + "' is not a Procore company id (a positive whole number)");
        }
        if (s.userAgent() == null || s.userAgent().isBlank() || ConnectionConfigReader.hasControlOrSpace(s.userAgent(), 0x1f)) {
            rules.problem(ConfigKey.USER_AGENT, "must be printable text");
        }
        rules.duration(ConfigKey.REFRESH_AHEAD, s.refreshAhead(), true);
        rules.duration(ConfigKey.CONNECT_TIMEOUT, s.connectTimeout(), false);
        rules.duration(ConfigKey.READ_TIMEOUT, s.readTimeout(), false);
        rules.duration(ConfigKey.NOT_CONNECTED_PAUSE, s.notConnectedPause(), true);
        if (s.maxRetries() < 0 || s.maxRetries() > MAX_RETRIES_LIMIT) {
            rules.problem(ConfigKey.MAX_RETRIES, "'" + s.maxRetries() + "' must be between 0 and " + MAX_RETRIES_LIMIT);
        }
        return problems;
    }

    // ---- the rules

    private void problem(ConfigKey key, String problem) {
        problems.add(key.of(name), problem);
    }

    private void required(ConfigKey key, String value) {
        if (value == null || value.isBlank()) {
            problem(key, "required but not set");
        }
    }

    private void duration(ConfigKey key, Duration d, boolean zeroAllowed) {
        if (d == null) {
            problem(key, "required but not set");
        } else if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            problem(key, "'" + d + "' must be " + (zeroAllowed ? "zero or positive" : "positive"));
        }
    }

    private void baseUrl(ConfigKey key, URI uri) {
        if (uri == null) {
            return; // the environment's
        }
        String p = httpUrlProblem(uri.toString());
        if (p != null) {
            problem(key, p);
        } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problem(key, "'" + uri + "' must not have a query or fragment");
        }
    }

    private void redirectUri(String value) {
        if (value == null || value.isBlank()) {
            problem(ConfigKey.REDIRECT_URI, "required for grant type authorization_code (an https URL registered with Procore, "
                    + "http on a loopback host, or " + ConnectionConfig.OOB_REDIRECT_URI + " for installed apps)");
        } else if (!ConnectionConfig.OOB_REDIRECT_URI.equals(value)) {
            String p = httpUrlProblem(value);
            if (p != null) {
                problem(ConfigKey.REDIRECT_URI, p);
            } else if (URI.create(value).getRawFragment() != null) {
                problem(ConfigKey.REDIRECT_URI, "'" + value + "' must not have a fragment");
            }
        }
    }

    /** @return why {@code v} is not an absolute http(s) URL with a host (http only on loopback), or null when it is one */
    static String httpUrlProblem(String v) {
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            return "'" + v + "' is not a valid URL (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "'" + v + "' is not an absolute http(s) URL with a host";
        }
        if (scheme.equals("http") && !Hosts.isLoopback(uri.getHost())) {
            return "'" + v + "' uses http with a non-loopback host; use https (http is allowed only for localhost/127.0.0.1/[::1])";
        }
        return null;
    }
}
