package io.github.procorecdi.config;

import java.net.URI;

/** Procore's environments and their login (OAuth) and API base URLs. */
public enum ProcoreEnvironment {
    PRODUCTION("production", "https://login.procore.com", "https://api.procore.com"),
    SANDBOX("sandbox", "https://login-sandbox.procore.com", "https://sandbox.procore.com"),
    MONTHLY_SANDBOX("monthly-sandbox", "https://login-sandbox-monthly.procore.com", "https://api-monthly.procore.com"),
    /** Procore's Federal Zone, for US government customers: own credentials, no sandboxes. */
    FEDERAL("federal", "https://login.procoregov.com", "https://api.procoregov.com");

    private final String value;
    private final URI loginUrl;
    private final URI apiUrl;

    ProcoreEnvironment(String value, String loginUrl, String apiUrl) {
        this.value = value;
        this.loginUrl = URI.create(loginUrl);
        this.apiUrl = URI.create(apiUrl);
    }

    /** @return the configuration value, e.g. {@code monthly-sandbox} */
    public String value() {
        return value;
    }

    /** @return the base URL of the authorization server */
    public URI loginUrl() {
        return loginUrl;
    }

    /** @return the base URL of the API */
    public URI apiUrl() {
        return apiUrl;
    }

    /** @return the environment, or {@code null} if {@code value} names none */
    public static ProcoreEnvironment find(String value) {
        for (ProcoreEnvironment e : values()) {
            if (e.value.equals(value)) {
                return e;
            }
        }
        return null;
    }

    /** @return the accepted values, for messages: {@code production, sandbox, ...} */
    public static String accepted() {
        StringBuilder sb = new StringBuilder();
        for (ProcoreEnvironment e : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(e.value);
        }
        return sb.toString();
    }
}
