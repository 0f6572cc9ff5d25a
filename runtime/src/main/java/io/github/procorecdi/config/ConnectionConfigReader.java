package io.github.procorecdi.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreConfigurationException;
import io.github.procorecdi.health.PrivateRoutes;

/**
 * Reads and validates {@code procore.<name>.*} from a {@link ConfigLookup} (MicroProfile Config, or a map in Java SE): exactly the keys of
 * {@link ConfigKey}, with the defaults of {@link ConnectionConfig#builder}. Every problem is collected
 * (never only the first), named by its property; values of secrets are never echoed.
 */
public final class ConnectionConfigReader {
    private static final Pattern CONFIGURED = Pattern.compile("procore\\.([^.]+)\\.(client-id|client-secret|grant-type)");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final ConfigLookup config;

    public ConnectionConfigReader(ConfigLookup config) {
        this.config = config;
    }

    /** @return the names of the connections that have configuration, e.g. {@code procore.x.client-id} gives {@code x} */
    public Set<String> configuredNames() {
        Set<String> names = new TreeSet<>();
        for (String property : config.propertyNames()) {
            Matcher m = CONFIGURED.matcher(property);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** @return the configured {@code token-store}, or {@code memory} */
    public String tokenStoreKind(String name) {
        return new PropertyReading(config, name, new ConfigProblems()).optional(ConfigKey.TOKEN_STORE).orElse(TokenStoreConfig.MEMORY);
    }

    /**
     * @return the validated configuration, or empty with the problems added to {@code problems}: what cannot be parsed
     *         is reported here, what a parsed value may be by {@link ConnectionConfig.Builder#build()} ({@link ConfigRules})
     */
    public Optional<ConnectionConfig> read(String name, ConfigProblems problems) {
        ConfigProblems mine = new ConfigProblems();
        if (!ConfigRules.NAME.matcher(name).matches()) {
            mine.add("@ProcoreClient(\"" + name + "\")", "a connection name may contain only letters, digits, '-' and '_'");
            problems.addAll(mine);
            return Optional.empty();
        }
        PropertyReading in = new PropertyReading(config, name, mine);
        ConnectionConfig.Builder b = ConnectionConfig.builder(name)
                .client(in.optional(ConfigKey.CLIENT_ID).orElse(null), in.optional(ConfigKey.CLIENT_SECRET).orElse(null));
        GrantType grant = grantType(in);
        // an unreadable grant type is reported; the rules of a grant (a redirect URI) would only add noise
        b.grantType(grant == null ? GrantType.CLIENT_CREDENTIALS : grant);
        endpoints(in, b);
        String callbackPath = grant == GrantType.AUTHORIZATION_CODE ? redirect(in, b) : null;
        b.companyId(in.optional(ConfigKey.COMPANY_ID).orElse(null));
        Optional<String> userAgent = in.optional(ConfigKey.USER_AGENT);
        if (userAgent.isPresent()) {
            b.userAgent(userAgent.get());
        }
        b.refreshAhead(in.duration(ConfigKey.REFRESH_AHEAD, ConnectionConfig.DEFAULT_REFRESH_AHEAD));
        b.timeouts(in.duration(ConfigKey.CONNECT_TIMEOUT, ConnectionConfig.DEFAULT_CONNECT_TIMEOUT),
                in.duration(ConfigKey.READ_TIMEOUT, ConnectionConfig.DEFAULT_READ_TIMEOUT));
        b.maxRetries(in.integer(ConfigKey.MAX_RETRIES, ConnectionConfig.DEFAULT_MAX_RETRIES));
        b.notConnectedPause(in.duration(ConfigKey.NOT_CONNECTED_PAUSE, ConnectionConfig.DEFAULT_NOT_CONNECTED_PAUSE));
        b.tokenStore(tokenStore(in));
        b.web(web(in, callbackPath));
        UploadConfig uploadDefaults = UploadConfig.defaults();
        b.uploads(new UploadConfig(in.integer(ConfigKey.UPLOADS_SEGMENT_SIZE, uploadDefaults.segmentSize(),
                UploadConfig.MIN_SEGMENT_SIZE, UploadConfig.MAX_SEGMENT_SIZE),
                in.duration(ConfigKey.UPLOADS_TIMEOUT, uploadDefaults.timeout(), false)));
        b.webhooks(webhooks(in));
        b.health(health(in));
        ConnectionConfig built = null;
        try {
            built = b.build();
        } catch (ProcoreConfigurationException e) {
            for (String problem : e.problems()) {
                mine.add(problem);
            }
        }
        if (!mine.isEmpty()) {
            problems.addAll(mine);
            return Optional.empty();
        }
        return Optional.of(built);
    }

    // ---- the steps

    private static WebhookConfig webhooks(PropertyReading in) {
        Optional<String> path = in.optional(ConfigKey.WEBHOOKS_PATH);
        Optional<String> authorization = in.optional(ConfigKey.WEBHOOKS_AUTHORIZATION);
        if (path.isEmpty()) {
            if (authorization.isPresent()) {
                in.problem(ConfigKey.WEBHOOKS_AUTHORIZATION, "has no effect without " + ConfigKey.WEBHOOKS_PATH.of(in.name)
                        + " (the receiver's servlet path)");
            }
            return null;
        }
        if (!path.get().startsWith("/") || path.get().contains("?") || path.get().contains("#") || hasControlOrSpace(path.get(), 0x20)) {
            in.problem(ConfigKey.WEBHOOKS_PATH, "'" + path.get() + "' must be a servlet path starting with '/', e.g. /procore/webhooks");
            return null;
        }
        if (authorization.isEmpty()) {
            in.problem(ConfigKey.WEBHOOKS_AUTHORIZATION, "is required with " + ConfigKey.WEBHOOKS_PATH.of(in.name)
                    + ": set it to the Authorization value of your hook's destination_headers (e.g. Bearer <a long random secret>)");
            return null;
        }
        if (authorization.get().length() < 16) {
            in.problem(ConfigKey.WEBHOOKS_AUTHORIZATION, "is too short to be a secret (at least 16 characters)");
            return null;
        }
        return new WebhookConfig(path.get(), authorization.get());
    }

    private static GrantType grantType(PropertyReading in) {
        Optional<String> grant = in.optional(ConfigKey.GRANT_TYPE);
        if (grant.isEmpty()) {
            return GrantType.AUTHORIZATION_CODE;
        }
        try {
            return GrantType.fromValue(grant.get());
        } catch (IllegalArgumentException e) {
            in.problem(ConfigKey.GRANT_TYPE, "'" + grant.get() + "' is not a grant type; use authorization_code or client_credentials");
            return null; // grant-specific checks would only add noise
        }
    }

    private static void endpoints(PropertyReading in, ConnectionConfig.Builder b) {
        ProcoreEnvironment environment = ProcoreEnvironment.PRODUCTION;
        Optional<String> env = in.optional(ConfigKey.ENVIRONMENT);
        if (env.isPresent()) {
            environment = ProcoreEnvironment.find(env.get());
            if (environment == null) {
                in.problem(ConfigKey.ENVIRONMENT, "'" + env.get() + "' is not an environment; use " + ProcoreEnvironment.accepted());
                environment = ProcoreEnvironment.PRODUCTION;
            }
        }
        b.environment(environment);
        b.urls(in.baseUrl(ConfigKey.LOGIN_URL, environment.loginUrl()), in.baseUrl(ConfigKey.API_URL, environment.apiUrl()));
    }

    /**
     * Passes the redirect URI on (its rules are {@link ConfigRules}').
     * @return the callback path for the web flow, or null
     */
    private static String redirect(PropertyReading in, ConnectionConfig.Builder b) {
        Optional<String> value = in.optional(ConfigKey.REDIRECT_URI);
        b.redirectUri(value.orElse(null));
        if (value.isEmpty() || ConnectionConfig.OOB_REDIRECT_URI.equals(value.get()) || ConfigRules.httpUrlProblem(value.get()) != null) {
            return null;
        }
        String path = URI.create(value.get()).getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static TokenStoreConfig tokenStore(PropertyReading in) {
        String name = in.name;
        String kind = in.optional(ConfigKey.TOKEN_STORE).orElse(TokenStoreConfig.MEMORY);
        Path path = null;
        Optional<String> pathValue = in.optional(ConfigKey.TOKEN_STORE_PATH);
        try {
            path = pathValue.isPresent() ? Path.of(pathValue.get()) : TokenStoreConfig.defaultPath(name);
        } catch (InvalidPathException e) {
            in.problem(ConfigKey.TOKEN_STORE_PATH, "'" + pathValue.get() + "' is not a valid path");
        }
        String table = in.optional(ConfigKey.TOKEN_STORE_TABLE).orElse(TokenStoreConfig.DEFAULT_TABLE);
        if (!TABLE.matcher(table).matches()) {
            in.problem(ConfigKey.TOKEN_STORE_TABLE, "'" + table + "' is not a plain SQL table name");
        }
        String jdbcUrl = in.optional(ConfigKey.TOKEN_STORE_JDBC_URL).orElse(null);
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
            in.problem(ConfigKey.TOKEN_STORE_JDBC_URL, "is not a JDBC URL (jdbc:...)");
        }
        Optional<String> keyValue = in.optional(ConfigKey.TOKEN_STORE_ENCRYPTION_KEY);
        byte[] key = keyValue.isPresent() ? aesKey(in, ConfigKey.TOKEN_STORE_ENCRYPTION_KEY, keyValue.get()) : null;
        List<byte[]> previous = new ArrayList<>();
        Optional<String> previousKeys = in.optional(ConfigKey.TOKEN_STORE_PREVIOUS_KEYS);
        if (previousKeys.isPresent()) {
            for (String k : previousKeys.get().split(",")) {
                if (!k.isBlank()) {
                    byte[] bytes = aesKey(in, ConfigKey.TOKEN_STORE_PREVIOUS_KEYS, k.trim());
                    if (bytes != null) {
                        previous.add(bytes);
                    }
                }
            }
        }
        if (!previous.isEmpty() && key == null) {
            in.problem(ConfigKey.TOKEN_STORE_PREVIOUS_KEYS, "is set without " + ConfigKey.TOKEN_STORE_ENCRYPTION_KEY.of(name)
                    + " (previous keys are only read while entries are re-sealed with a current key)");
        }
        return new TokenStoreConfig(kind, path, in.optional(ConfigKey.TOKEN_STORE_DATASOURCE).orElse(TokenStoreConfig.DEFAULT_DATASOURCE),
                jdbcUrl, in.optional(ConfigKey.TOKEN_STORE_USERNAME).orElse(null), in.optional(ConfigKey.TOKEN_STORE_PASSWORD).orElse(null),
                table, in.bool(ConfigKey.TOKEN_STORE_CREATE_TABLE, true), key, previous);
    }

    private static byte[] aesKey(PropertyReading in, ConfigKey property, String base64) {
        try {
            byte[] key = Base64.getDecoder().decode(base64);
            if (key.length != 16 && key.length != 24 && key.length != 32) {
                in.problem(property, "must decode to 16, 24 or 32 bytes (AES-128/192/256), got " + key.length);
                return null;
            }
            return key;
        } catch (IllegalArgumentException e) {
            in.problem(property, "is not valid base64");
            return null;
        }
    }

    private static HealthConfig health(PropertyReading in) {
        String statusPath = in.path(ConfigKey.WEB_STATUS_PATH, null);
        String role = in.optional(ConfigKey.WEB_STATUS_ROLE).orElse(null); // trimmed
        if (role != null && statusPath == null) {
            in.problem(ConfigKey.WEB_STATUS_ROLE, "has no effect without " + ConfigKey.WEB_STATUS_PATH.of(in.name) + " (the status page's servlet path)");
        }
        String routes = in.optional(ConfigKey.HEALTH_PRIVATE_ROUTES).orElse(null);
        String problem = PrivateRoutes.problem(routes);
        if (problem != null) {
            in.problem(ConfigKey.HEALTH_PRIVATE_ROUTES, problem);
        }
        Duration interval = in.duration(ConfigKey.HEALTH_ACTIVITY_INTERVAL, HealthConfig.DEFAULT_ACTIVITY_INTERVAL, false);
        if (interval.compareTo(HealthConfig.MIN_ACTIVITY_INTERVAL) < 0 || interval.compareTo(HealthConfig.MAX_ACTIVITY_INTERVAL) > 0) {
            in.problem(ConfigKey.HEALTH_ACTIVITY_INTERVAL, "'" + interval + "' must be between PT0.1S and PT1H");
            interval = HealthConfig.DEFAULT_ACTIVITY_INTERVAL;
        }
        return new HealthConfig(statusPath, role, PrivateRoutes.parse(routes), interval);
    }

    private static WebFlowConfig web(PropertyReading in, String callbackPath) {
        String login = in.path(ConfigKey.WEB_LOGIN_PATH, "/procore/login");
        String callback = in.path(ConfigKey.WEB_CALLBACK_PATH, callbackPath);
        String logout = in.path(ConfigKey.WEB_LOGOUT_PATH, "/procore/logout");
        String after = in.optional(ConfigKey.WEB_AFTER_LOGIN).orElse("/");
        if (!isRelative(after)) {
            in.problem(ConfigKey.WEB_AFTER_LOGIN, "'" + after + "' must be a relative URL starting with a single '/' (no scheme, no host)");
        }
        return new WebFlowConfig(login, callback, logout, after);
    }

    // ---- checks

    public static boolean isRelative(String url) {
        if (!url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\") || hasControlOrSpace(url, 0x1f)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.getScheme() == null && uri.getRawAuthority() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** @return whether {@code s} holds a character at or below {@code highest}, or DEL (without a lambda: this runs at boot) */
    static boolean hasControlOrSpace(String s, int highest) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= highest || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
