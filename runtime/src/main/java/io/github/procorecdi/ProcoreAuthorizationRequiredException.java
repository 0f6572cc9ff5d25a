package io.github.procorecdi;

import java.net.URI;

/**
 * The subject has no usable token: never authorized, revoked, or its refresh token is dead.
 * The user must go through Procore's authorize page again ({@link #authorizationUri()}).
 */
public class ProcoreAuthorizationRequiredException extends ProcoreException {
    private static final long serialVersionUID = 1L;
    private final String connection;
    private final String subject;
    private final URI authorizationUri;

    /**
     * @param connection       the connection name
     * @param subject          the subject without a usable token
     * @param authorizationUri where to send the user, or {@code null} for client credentials
     * @param reason           why no token is usable
     */
    public ProcoreAuthorizationRequiredException(String connection, String subject, URI authorizationUri, String reason) {
        super("Procore connection '" + connection + "': subject '" + subject + "' must authorize: " + reason);
        this.connection = connection;
        this.subject = subject;
        this.authorizationUri = authorizationUri;
    }

    /** @return the connection name */
    public String connection() {
        return connection;
    }

    /** @return the subject */
    public String subject() {
        return subject;
    }

    /** @return Procore's authorize URL for this connection (without state), or {@code null} for client credentials */
    public URI authorizationUri() {
        return authorizationUri;
    }
}
