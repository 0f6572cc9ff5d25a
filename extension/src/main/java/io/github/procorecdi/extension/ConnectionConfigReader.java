package io.github.procorecdi.extension;

import static io.github.procorecdi.config.ConnectionConfig.key;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.config.ProcoreEnvironment;
import io.github.procorecdi.config.TokenStoreConfig;
import io.github.procorecdi.config.WebFlowConfig;
import io.github.procorecdi.internal.Version;

/**
 * Reads and validates {@code procore.<name>.*} from MicroProfile Config. Every problem is
 * collected (never only the first), named by its property; values of secrets are never echoed.
 */
final class ConnectionConfigReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern CONFIGURED = Pattern.compile("procore\\.([^.]+)\\.(client-id|client-secret|grant-type)");
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final Config config;

    ConnectionConfigReader(Config config) {
        this.config = config;
    }

    /** @return the names of the connections that have configuration, e.g. {@code procore.x.client-id} gives {@code x} */
    Set<String> configuredNames() {
        Set<String> names = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            Matcher m = CONFIGURED.matcher(property);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** @return the validated configuration, or empty with the problems added to {@code problems} */
    Optional<ConnectionConfig> read(String name, ConfigProblems problems) {
        ConfigProblems mine = new ConfigProblems();
        if (!NAME.matcher(name).matches()) {
            mine.add("@ProcoreClient(\"" + name + "\")", "a connection name may contain only letters, digits, '-' and '_'");
            problems.addAll(mine);
            return Optional.empty();
        }
        String clientId = required(name, "client-id", mine);
        String clientSecret = required(name, "client-secret", mine);

        GrantType grantType = GrantType.AUTHORIZATION_CODE;
        String grant = value(name, "grant-type");
        if (grant != null) {
            try {
                grantType = GrantType.fromValue(grant.trim());
            } catch (IllegalArgumentException e) {
                mine.add(key(name, "grant-type"), "'" + grant + "' is not a grant type; use authorization_code or client_credentials");
                grantType = null; // grant-specific checks would only add noise
            }
        }

        ProcoreEnvironment environment = ProcoreEnvironment.PRODUCTION;
        String env = value(name, "environment");
        if (env != null) {
            environment = ProcoreEnvironment.find(env.trim());
            if (environment == null) {
                mine.add(key(name, "environment"), "'" + env + "' is not an environment; use production, sandbox or monthly-sandbox");
                environment = ProcoreEnvironment.PRODUCTION;
            }
        }
        URI loginUrl = baseUrl(name, "login-url", environment.loginUrl(), mine);
        URI apiUrl = baseUrl(name, "api-url", environment.apiUrl(), mine);

        String redirectUri = value(name, "redirect-uri");
        String callbackPath = null;
        if (grantType == GrantType.AUTHORIZATION_CODE) {
            if (redirectUri == null) {
                mine.add(key(name, "redirect-uri"), "required for grant type authorization_code (an https URL registered with Procore, "
                        + "http on a loopback host, or " + ConnectionConfig.OOB_REDIRECT_URI + " for installed apps)");
            } else {
                redirectUri = redirectUri.trim();
                callbackPath = redirect(name, redirectUri, mine);
            }
        }

        String companyId = value(name, "company-id");
        if (companyId != null) {
            companyId = companyId.trim();
            if (!DIGITS.matcher(companyId).matches()) {
                mine.add(key(name, "company-id"), "'" + companyId + "' is not a Procore company id (digits only)");
            }
        }
        String userAgent = Optional.ofNullable(value(name, "user-agent")).map(String::trim).orElse(Version.defaultUserAgent());
        if (userAgent.isEmpty() || userAgent.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            mine.add(key(name, "user-agent"), "must be non-empty printable text");
        }

        Duration refreshAhead = duration(name, "refresh-ahead", Duration.ofMinutes(5), true, mine);
        Duration connectTimeout = duration(name, "connect-timeout", Duration.ofSeconds(5), false, mine);
        Duration readTimeout = duration(name, "read-timeout", Duration.ofSeconds(30), false, mine);
        int maxRetries = maxRetries(name, mine);
        TokenStoreConfig store = tokenStore(name, mine);
        WebFlowConfig web = web(name, callbackPath, mine);

        if (!mine.isEmpty()) {
            problems.addAll(mine);
            return Optional.empty();
        }
        return Optional.of(new ConnectionConfig(name, clientId, clientSecret, grantType,
                grantType == GrantType.AUTHORIZATION_CODE ? redirectUri : null, loginUrl, apiUrl, companyId, userAgent,
                refreshAhead, connectTimeout, readTimeout, maxRetries, store, web));
    }

    /** @return the configured {@code token-store}, or {@code memory} */
    String tokenStoreKind(String name) {
        return Optional.ofNullable(value(name, "token-store")).map(String::trim).orElse(TokenStoreConfig.MEMORY);
    }

    private String value(String name, String property) {
        Optional<String> v = config.getOptionalValue(key(name, property), String.class);
        return v.filter(s -> !s.isBlank()).orElse(null);
    }

    private String required(String name, String property, ConfigProblems problems) {
        String v = value(name, property);
        if (v == null) {
            problems.add(key(name, property), "required but not set");
            return null;
        }
        return v.trim();
    }

    private URI baseUrl(String name, String property, URI fallback, ConfigProblems problems) {
        String v = value(name, property);
        if (v == null) {
            return fallback;
        }
        URI uri = httpUrl(name, property, v.trim(), problems);
        if (uri == null) {
            return fallback;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add(key(name, property), "'" + v + "' must not have a query or fragment");
        }
        String s = uri.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** @return the parsed http(s) URL, or null with a problem added */
    private URI httpUrl(String name, String property, String v, ConfigProblems problems) {
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            problems.add(key(name, property), "'" + v + "' is not a valid URL (" + e.getReason() + ")");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            problems.add(key(name, property), "'" + v + "' is not an absolute http(s) URL with a host");
            return null;
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            problems.add(key(name, property), "'" + v + "' uses http with a non-loopback host; use https (http is allowed only for localhost/127.0.0.1/[::1])");
            return null;
        }
        return uri;
    }

    /** Validates the redirect URI. @return the callback path for the web flow, or null */
    private String redirect(String name, String v, ConfigProblems problems) {
        if (ConnectionConfig.OOB_REDIRECT_URI.equals(v)) {
            return null;
        }
        URI uri = httpUrl(name, "redirect-uri", v, problems);
        if (uri == null) {
            return null;
        }
        if (uri.getRawFragment() != null) {
            problems.add(key(name, "redirect-uri"), "'" + v + "' must not have a fragment");
        }
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || IPV4_LOOPBACK.matcher(h).matches()
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    private Duration duration(String name, String property, Duration fallback, boolean zeroAllowed, ConfigProblems problems) {
        String v = value(name, property);
        if (v == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(v.trim());
            if (d.isNegative() || (!zeroAllowed && d.isZero())) {
                problems.add(key(name, property), "'" + v + "' must be " + (zeroAllowed ? "zero or positive" : "positive"));
                return fallback;
            }
            return d;
        } catch (DateTimeParseException e) {
            problems.add(key(name, property), "'" + v + "' is not an ISO-8601 duration such as PT5M or PT30S");
            return fallback;
        }
    }

    private int maxRetries(String name, ConfigProblems problems) {
        String v = value(name, "max-retries");
        if (v == null) {
            return 3;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0 || n > 10) {
                problems.add(key(name, "max-retries"), "'" + v + "' must be between 0 and 10");
                return 3;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(key(name, "max-retries"), "'" + v + "' is not a whole number");
            return 3;
        }
    }

    private TokenStoreConfig tokenStore(String name, ConfigProblems problems) {
        String kind = tokenStoreKind(name);
        String pathValue = value(name, "token-store.path");
        Path path = null;
        try {
            path = pathValue != null ? Path.of(pathValue.trim())
                    : Path.of(System.getProperty("user.home"), ".procore-cdi", name + ".tokens");
        } catch (InvalidPathException e) {
            problems.add(key(name, "token-store.path"), "'" + pathValue + "' is not a valid path");
        }
        String datasource = Optional.ofNullable(value(name, "token-store.datasource")).orElse("java:comp/DefaultDataSource");
        String table = Optional.ofNullable(value(name, "token-store.table")).map(String::trim).orElse("procore_tokens");
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            problems.add(key(name, "token-store.table"), "'" + table + "' is not a plain SQL table name");
        }
        byte[] key = null;
        String keyValue = value(name, "token-store.encryption-key");
        if (keyValue != null) {
            try {
                key = Base64.getDecoder().decode(keyValue.trim());
                if (key.length != 16 && key.length != 24 && key.length != 32) {
                    problems.add(key(name, "token-store.encryption-key"), "must decode to 16, 24 or 32 bytes (AES-128/192/256), got "
                            + key.length);
                }
            } catch (IllegalArgumentException e) {
                problems.add(key(name, "token-store.encryption-key"), "is not valid base64");
            }
        }
        String jdbcUrl = value(name, "token-store.jdbc-url");
        if (jdbcUrl != null && !jdbcUrl.trim().startsWith("jdbc:")) {
            problems.add(key(name, "token-store.jdbc-url"), "'" + jdbcUrl + "' is not a JDBC URL (jdbc:...)");
        }
        return new TokenStoreConfig(kind, path, datasource, jdbcUrl == null ? null : jdbcUrl.trim(),
                value(name, "token-store.username"), value(name, "token-store.password"), table, key);
    }

    private WebFlowConfig web(String name, String callbackPath, ConfigProblems problems) {
        String login = path(name, "web.login-path", "/procore/login", problems);
        String callback = path(name, "web.callback-path", callbackPath, problems);
        String logout = path(name, "web.logout-path", "/procore/logout", problems);
        String after = Optional.ofNullable(value(name, "web.after-login")).map(String::trim).orElse("/");
        if (!isRelative(after)) {
            problems.add(key(name, "web.after-login"), "'" + after + "' must be a relative URL starting with a single '/' (no scheme, no host)");
        }
        return new WebFlowConfig(login, callback, logout, after);
    }

    private String path(String name, String property, String fallback, ConfigProblems problems) {
        String v = value(name, property);
        if (v == null) {
            return fallback;
        }
        v = v.trim();
        if (!v.startsWith("/") || v.startsWith("//") || v.contains("?") || v.contains("#") || v.contains("*")) {
            problems.add(key(name, property), "'" + v + "' must be a path starting with '/', without query, fragment or wildcard");
            return fallback;
        }
        return v;
    }

    static boolean isRelative(String url) {
        if (!url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\") || url.chars().anyMatch(c -> c < 0x20)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.getScheme() == null && uri.getRawAuthority() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
