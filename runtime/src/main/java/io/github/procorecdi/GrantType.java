package io.github.procorecdi;

/** The OAuth 2.0 grants a Procore connection can use. */
public enum GrantType {
    /** Authorization code: acting for a Procore user (web apps, and installed apps with {@code urn:ietf:wg:oauth:2.0:oob}). */
    AUTHORIZATION_CODE("authorization_code"),
    /** Client credentials: a Developer Managed Service Account (DMSA), no user, no refresh token. */
    CLIENT_CREDENTIALS("client_credentials");

    private final String value;

    GrantType(String value) {
        this.value = value;
    }

    /** @return the wire and configuration value, e.g. {@code client_credentials} */
    public String value() {
        return value;
    }

    /**
     * @param value a configuration value such as {@code authorization_code}
     * @return the grant type
     * @throws IllegalArgumentException if the value names no grant Procore supports
     */
    public static GrantType fromValue(String value) {
        for (GrantType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown grant type '" + value
                + "' (expected authorization_code or client_credentials)");
    }
}
