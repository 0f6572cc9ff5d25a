package io.github.procorecdi.config;

import java.net.URI;
import java.time.Duration;

import io.github.procorecdi.GrantType;

/**
 * The validated configuration of one connection ({@code procore.<name>.*}).
 * {@link #toString()} never shows the client secret.
 *
 * @param name          connection name
 * @param clientId      OAuth client id
 * @param clientSecret  OAuth client secret (secret)
 * @param grantType     grant
 * @param redirectUri   redirect URI (authorization code), or {@code null}
 * @param loginUrl      base URL of the authorization server
 * @param apiUrl        base URL of the API
 * @param companyId     default {@code Procore-Company-Id}, or {@code null}
 * @param userAgent     {@code User-Agent} header value
 * @param refreshAhead  renew an access token this long before it expires
 * @param connectTimeout connect timeout
 * @param readTimeout   read timeout
 * @param maxRetries    retries of retryable failures
 * @param tokenStore    token store settings
 * @param web           servlet web flow settings
 */
public record ConnectionConfig(String name, String clientId, String clientSecret, GrantType grantType, String redirectUri,
                               URI loginUrl, URI apiUrl, String companyId, String userAgent, Duration refreshAhead,
                               Duration connectTimeout, Duration readTimeout, int maxRetries, TokenStoreConfig tokenStore,
                               WebFlowConfig web) {

    /** The installed-app redirect URI: Procore shows the code to the user instead of redirecting. */
    public static final String OOB_REDIRECT_URI = "urn:ietf:wg:oauth:2.0:oob";

    /** @return whether this is an installed app ({@code urn:ietf:wg:oauth:2.0:oob}) */
    public boolean isInstalledApp() {
        return OOB_REDIRECT_URI.equals(redirectUri);
    }

    /** @return the config key of a property of this connection, e.g. {@code procore.default.client-id} */
    public static String key(String connection, String property) {
        return "procore." + connection + "." + property;
    }

    @Override
    public String toString() {
        return "ConnectionConfig[name=" + name + ", clientId=" + clientId + ", clientSecret=****, grantType=" + grantType
                + ", redirectUri=" + redirectUri + ", loginUrl=" + loginUrl + ", apiUrl=" + apiUrl + ", companyId=" + companyId
                + ", userAgent=" + userAgent + ", refreshAhead=" + refreshAhead + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", maxRetries=" + maxRetries + ", tokenStore=" + tokenStore
                + ", web=" + web + "]";
    }
}
