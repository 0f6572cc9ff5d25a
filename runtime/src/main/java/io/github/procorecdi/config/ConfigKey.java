package io.github.procorecdi.config;

/**
 * Every {@code procore.<name>.*} property, declared once: its name, its default as the configuration reference shows it,
 * and what it means. The extension's reader reads and validates exactly these, and a test checks
 * the configuration reference (docs/configuration.md) against this list.
 */
public enum ConfigKey {
    CLIENT_ID("client-id", "required", "OAuth client id from the Procore Developer Portal"),
    CLIENT_SECRET("client-secret", "required", "never logged, never in an exception message or `toString()`", true),
    GRANT_TYPE("grant-type", "`authorization_code`", "`authorization_code` or `client_credentials`"),
    REDIRECT_URI("redirect-uri", "required for `authorization_code`",
            "https URL (http only on loopback hosts), or `urn:ietf:wg:oauth:2.0:oob` for installed apps"),
    ENVIRONMENT("environment", "`production`",
            "`production`, `sandbox`, `monthly-sandbox` or `federal`: sets `login-url` and `api-url`"),
    LOGIN_URL("login-url", "from `environment`", "OAuth base URL override; http only on loopback hosts"),
    API_URL("api-url", "from `environment`", "API base URL override; http only on loopback hosts"),
    COMPANY_ID("company-id", "none", "default `Procore-Company-Id` header (`forCompany` and a call's own header win)"),
    USER_AGENT("user-agent", "`procore-cdi/<version>`", "`User-Agent` header (a call's own header wins)"),
    REFRESH_AHEAD("refresh-ahead", "`PT5M`", "renew an access token this long before it expires (at most half its lifetime)"),
    CONNECT_TIMEOUT("connect-timeout", "`PT5S`", "ISO-8601 duration, for the API and the token endpoint"),
    READ_TIMEOUT("read-timeout", "`PT30S`",
            "ISO-8601 duration, for the API; a whole token request has a hard deadline of `connect-timeout` + 2 x `read-timeout`"),
    MAX_RETRIES("max-retries", "`3`", "retries of 429 and 503 (any method), 500, 502, 504 and I/O failures (idempotent methods), 0 to 10"),
    NOT_CONNECTED_PAUSE("not-connected-pause", "`PT5M`",
            "after a 403 \"App is not connected to this company\", calls for that company fail at once, sending nothing, for this long"),
    TOKEN_STORE("token-store", "`memory`",
            "`memory`, `file`, `jdbc`, or the `@Named` name of an application bean implementing `TokenStore`"),
    TOKEN_STORE_PATH("token-store.path", "`${user.home}/.procore-cdi/<name>.tokens`",
            "for `file`: atomic writes, owner-only permissions, safe between processes"),
    TOKEN_STORE_DATASOURCE("token-store.datasource", "`java:comp/DefaultDataSource`", "JNDI name, for `jdbc` in a server; "
            + "where JNDI has nothing bound to it (Quarkus), the name of a `DataSource` bean (an Agroal data source's name; "
            + "the default name: the default data source)"),
    TOKEN_STORE_JDBC_URL("token-store.jdbc-url", "none", "for `jdbc` in Java SE (no JNDI); masked in messages", true),
    TOKEN_STORE_USERNAME("token-store.username", "none", "for `jdbc` with `jdbc-url`"),
    TOKEN_STORE_PASSWORD("token-store.password", "none", "for `jdbc` with `jdbc-url`; never logged", true),
    TOKEN_STORE_TABLE("token-store.table", "`procore_tokens`", "for `jdbc`: the shared table, a plain identifier (optionally "
            + "`schema.table`). It and the webhook table beside it, `<table>_webhooks`, must fit the database's limit: PostgreSQL 63 "
            + "bytes (so at most 54), MariaDB/MySQL 64 (55), Oracle and SQL Server 128 (119; less if the driver reports less, e.g. "
            + "30 on old Oracle), H2 256; checked at deployment when the database answers, else at first use"),
    TOKEN_STORE_CREATE_TABLE("token-store.create-table", "`true`",
            "`false`: never run DDL; the table must exist (DDL per database under Clustering)"),
    TOKEN_STORE_ENCRYPTION_KEY("token-store.encryption-key", "none",
            "base64 AES key (16, 24 or 32 bytes): token values are sealed at rest (AES-GCM), each with the id of its key", true),
    TOKEN_STORE_PREVIOUS_KEYS("token-store.previous-encryption-keys", "none",
            "comma-separated base64 keys still accepted for reading (rotation); entries are re-sealed with `encryption-key` when next written",
            true),
    UPLOADS_SEGMENT_SIZE("uploads.segment-size", "`104857600`",
            "bytes per segment of an upload, 1024 to 104857600 (100 MiB, Procore's maximum)"),
    UPLOADS_TIMEOUT("uploads.timeout", "`PT10M`",
            "how long an upload waits for Procore to report it `available` once its segments are sent"),
    WEBHOOKS_PATH("webhooks.path", "none",
            "servlet path that receives Procore webhook deliveries for this connection (enables the receiver)"),
    WEBHOOKS_AUTHORIZATION("webhooks.authorization", "required with `webhooks.path`",
            "the exact `Authorization` header value the hook's `destination_headers` send; compared in constant time; never logged", true),
    WEB_LOGIN_PATH("web.login-path", "`/procore/login`", "servlet web flow: starts the sign-in"),
    WEB_CALLBACK_PATH("web.callback-path", "path of `redirect-uri`", "servlet web flow: receives Procore's redirect"),
    WEB_LOGOUT_PATH("web.logout-path", "`/procore/logout`", "servlet web flow: sign-out (POST from the same origin)"),
    WEB_AFTER_LOGIN("web.after-login", "`/`", "where the callback sends the browser; relative paths only"),
    WEB_STATUS_PATH("web.status-path", "none",
            "servlet path of the connection's status page (off when unset): connections, token states (never a token), rate limits, "
                    + "integration health, last errors; its CSV at `<status-path>/activity.csv`"),
    WEB_STATUS_ROLE("web.status-role", "none", "a role the caller must have to see the status page; unset: loopback callers only"),
    HEALTH_PRIVATE_ROUTES("health.private-routes", "none",
            "comma-separated path templates (or prefixes ending in `*`) the application calls that are not in Procore's public "
                    + "REST reference: counted as Private Endpoint Usage"),
    HEALTH_ACTIVITY_INTERVAL("health.activity-interval", "`PT1M`",
            "with `token-store=jdbc`: how often each node adds its API call counts to the table every node reads them from "
                    + "(`<token-store.table>_activity`), `PT0.1S` to `PT1H`; a node always writes what is left when it stops");

    private final String property;
    private final String defaultText;
    private final String description;
    private final boolean secret;

    ConfigKey(String property, String defaultText, String description) {
        this(property, defaultText, description, false);
    }

    ConfigKey(String property, String defaultText, String description, boolean secret) {
        this.property = property;
        this.defaultText = defaultText;
        this.description = description;
        this.secret = secret;
    }

    /** @return the property name after {@code procore.<name>.}, e.g. {@code client-id} */
    public String property() {
        return property;
    }

    /** @return the default as the configuration reference (docs/configuration.md) shows it ({@code required} or {@code none} where there is none) */
    public String defaultText() {
        return defaultText;
    }

    /** @return what the property means */
    public String description() {
        return description;
    }

    /** @return whether the value is a secret (or may carry one): it is never echoed in a message */
    public boolean secret() {
        return secret;
    }

    /** @return the full key for a connection, e.g. {@code procore.default.client-id} */
    public String of(String connection) {
        return ConnectionConfig.key(connection, property);
    }

    /** @return the configuration reference's table row of this key */
    public String readmeRow() {
        return "| `" + property + "` | " + defaultText + " | " + description + " |";
    }
}
