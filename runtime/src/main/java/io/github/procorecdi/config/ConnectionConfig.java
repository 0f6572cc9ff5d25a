package io.github.procorecdi.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreConfigurationException;
import io.github.procorecdi.internal.Version;

/**
 * The validated configuration of one connection ({@code procore.<name>.*}; each key is declared in
 * {@link ConfigKey}). {@link #toString()} never shows a secret. Build one in code with {@link #builder}.
 *
 * @param name           connection name
 * @param clientId       OAuth client id
 * @param clientSecret   OAuth client secret (secret)
 * @param grantType      grant
 * @param redirectUri    redirect URI (authorization code), or {@code null}
 * @param environment    the Procore environment, or {@code null} when both URLs are overridden for a non-Procore host
 * @param loginUrl       base URL of the authorization server
 * @param apiUrl         base URL of the API
 * @param companyId      default {@code Procore-Company-Id}, or {@code null}
 * @param userAgent      {@code User-Agent} header value
 * @param refreshAhead   renew an access token this long before it expires
 * @param connectTimeout connect timeout
 * @param readTimeout    read timeout
 * @param maxRetries     retries of retryable failures
 * @param notConnectedPause how long calls for a company that answered "App is not connected" fail at once
 * @param tokenStore     token store settings
 * @param web            servlet web flow settings
 * @param uploads        unified upload flow settings
 * @param webhooks       the webhook receiver, or {@code null} when {@code webhooks.path} is not set
 * @param health         the status page and the private routes of integration health
 */
public record ConnectionConfig(String name, String clientId, String clientSecret, GrantType grantType, String redirectUri,
                               ProcoreEnvironment environment, URI loginUrl, URI apiUrl, String companyId, String userAgent,
                               Duration refreshAhead, Duration connectTimeout, Duration readTimeout, int maxRetries,
                               Duration notConnectedPause, TokenStoreConfig tokenStore, WebFlowConfig web,
                               UploadConfig uploads, WebhookConfig webhooks, HealthConfig health) {

    /** The installed-app redirect URI: Procore shows the code to the user instead of redirecting. */
    public static final String OOB_REDIRECT_URI = "urn:ietf:wg:oauth:2.0:oob";

    /** Defaults of {@link ConfigKey}: {@code refresh-ahead}, {@code connect-timeout}, {@code read-timeout}, ... */
    public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_NOT_CONNECTED_PAUSE = Duration.ofMinutes(5);

    /** @return whether this is an installed app ({@code urn:ietf:wg:oauth:2.0:oob}) */
    public boolean isInstalledApp() {
        return OOB_REDIRECT_URI.equals(redirectUri);
    }

    /** @return the config key of a property of this connection, e.g. {@code procore.default.client-id} */
    public static String key(String connection, String property) {
        return "procore." + connection + "." + property;
    }

    /** @return a builder with every default of {@link ConfigKey} */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public String toString() {
        return "ConnectionConfig[name=" + name + ", clientId=" + clientId + ", clientSecret=****, grantType=" + grantType
                + ", redirectUri=" + redirectUri + ", environment=" + (environment == null ? "custom" : environment.value())
                + ", loginUrl=" + loginUrl + ", apiUrl=" + apiUrl + ", companyId=" + companyId
                + ", userAgent=" + userAgent + ", refreshAhead=" + refreshAhead + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", maxRetries=" + maxRetries + ", notConnectedPause=" + notConnectedPause
                + ", tokenStore=" + tokenStore
                + ", web=" + web + ", uploads=" + uploads + ", webhooks=" + webhooks + ", health=" + health + "]";
    }

    /**
     * Builds a {@link ConnectionConfig}: from MicroProfile Config ({@link ConnectionConfigReader}), a map
     * ({@code ProcoreConnections.open}) or code. {@link #build()} applies every rule of {@link ConfigRules}.
     */
    public static final class Builder {
        private final String name;
        private String clientId;
        private String clientSecret;
        private GrantType grantType = GrantType.AUTHORIZATION_CODE;
        private String redirectUri;
        private ProcoreEnvironment environment = ProcoreEnvironment.PRODUCTION;
        private URI loginUrl;
        private URI apiUrl;
        private String companyId;
        private String userAgent = Version.defaultUserAgent();
        private Duration refreshAhead = DEFAULT_REFRESH_AHEAD;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration notConnectedPause = DEFAULT_NOT_CONNECTED_PAUSE;
        private TokenStoreConfig tokenStore;
        private WebFlowConfig web;
        private UploadConfig uploads = UploadConfig.defaults();
        private WebhookConfig webhooks;
        private HealthConfig health = HealthConfig.DEFAULTS;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            this.tokenStore = TokenStoreConfig.defaults(name);
        }

        public Builder client(String id, String secret) {
            this.clientId = id;
            this.clientSecret = secret;
            return this;
        }

        public Builder grantType(GrantType grantType) {
            this.grantType = grantType;
            return this;
        }

        public Builder redirectUri(String redirectUri) {
            this.redirectUri = redirectUri;
            return this;
        }

        public Builder environment(ProcoreEnvironment environment) {
            this.environment = environment;
            return this;
        }

        /** Overrides both base URLs (e.g. a local simulator). */
        public Builder urls(URI loginUrl, URI apiUrl) {
            this.loginUrl = loginUrl;
            this.apiUrl = apiUrl;
            return this;
        }

        public Builder companyId(String companyId) {
            this.companyId = companyId;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public Builder refreshAhead(Duration refreshAhead) {
            this.refreshAhead = refreshAhead;
            return this;
        }

        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = connect;
            this.readTimeout = read;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder notConnectedPause(Duration pause) {
            this.notConnectedPause = pause;
            return this;
        }

        public Builder tokenStore(TokenStoreConfig tokenStore) {
            this.tokenStore = tokenStore;
            return this;
        }

        public Builder web(WebFlowConfig web) {
            this.web = web;
            return this;
        }

        public Builder uploads(UploadConfig uploads) {
            this.uploads = uploads;
            return this;
        }

        public Builder webhooks(WebhookConfig webhooks) {
            this.webhooks = webhooks;
            return this;
        }

        public Builder health(HealthConfig health) {
            this.health = health;
            return this;
        }

        /**
         * @return the configuration
         * @throws ProcoreConfigurationException listing every problem, each naming its {@code procore.<name>.*} property
         */
        public ConnectionConfig build() {
            ConnectionConfig config = assemble();
            ConfigProblems problems = ConfigRules.check(config);
            if (!problems.isEmpty()) {
                throw new ProcoreConfigurationException(problems.list());
            }
            return config;
        }

        private ConnectionConfig assemble() {
            URI login = loginUrl != null ? loginUrl : environment.loginUrl();
            URI api = apiUrl != null ? apiUrl : environment.apiUrl();
            boolean procoreHosts = login.equals(environment.loginUrl()) && api.equals(environment.apiUrl());
            WebFlowConfig w = web != null ? web : WebFlowConfig.defaults(grantType == GrantType.AUTHORIZATION_CODE ? redirectUri : null);
            return new ConnectionConfig(name, clientId, clientSecret, grantType, grantType == GrantType.AUTHORIZATION_CODE ? redirectUri : null,
                    procoreHosts ? environment : null, login, api, companyId, userAgent, refreshAhead, connectTimeout, readTimeout,
                    maxRetries, notConnectedPause, tokenStore, w, uploads, webhooks, health);
        }
    }
}
