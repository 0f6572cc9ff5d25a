package io.github.procorecdi.config;

import java.net.URI;

/**
 * The servlet web flow paths of an authorization-code connection.
 *
 * @param loginPath    starts the flow (redirect to Procore)
 * @param callbackPath receives Procore's redirect (the path of {@code redirect-uri}), or {@code null} for installed apps
 * @param logoutPath   revokes and forgets the subject's tokens (POST)
 * @param afterLogin   relative URL the callback redirects the browser to
 */
public record WebFlowConfig(String loginPath, String callbackPath, String logoutPath, String afterLogin) {

    /** @return the defaults for a redirect URI (the callback path is its path; none for installed apps) */
    public static WebFlowConfig defaults(String redirectUri) {
        String callback = null;
        if (redirectUri != null && !ConnectionConfig.OOB_REDIRECT_URI.equals(redirectUri)) {
            String path = URI.create(redirectUri).getRawPath();
            callback = path == null || path.isEmpty() ? "/" : path;
        }
        return new WebFlowConfig("/procore/login", callback, "/procore/logout", "/");
    }
}
