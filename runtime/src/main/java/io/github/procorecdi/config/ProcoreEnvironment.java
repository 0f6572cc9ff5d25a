package io.github.procorecdi.config;

import java.net.URI;

/** Procore's environments and their login (OAuth) and API base URLs. */
public enum ProcoreEnvironment {
    PRODUCTION("production", "https://login.procore.com", "https://api.procore.com"),
    SANDBOX("sandbox", "https://login-sandbox.procore.com", "https://sandbox.procore.com"),
    MONTHLY_SANDBOX("monthly-sandbox", "https://login-sandbox-monthly.procore.com", "https://api-monthly.procore.com");

    private final String value;
    private final URI loginUrl;
    private final URI apiUrl;

    ProcoreEnvironment(String value, String loginUrl, String apiUrl) {
        this.value = value;
        this.loginUrl = URI.create(loginUrl);
        this.apiUrl = URI.create(apiUrl);
    }

    public String value() {
        return value;
    }

    public URI loginUrl() {
        return loginUrl;
    }

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
}
