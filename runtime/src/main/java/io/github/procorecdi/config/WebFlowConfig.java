package io.github.procorecdi.config;

/**
 * The servlet web flow paths of an authorization-code connection.
 *
 * @param loginPath    starts the flow (redirect to Procore)
 * @param callbackPath receives Procore's redirect (the path of {@code redirect-uri}), or {@code null} for installed apps
 * @param logoutPath   revokes and forgets the subject's tokens
 * @param afterLogin   relative URL the callback redirects the browser to
 */
public record WebFlowConfig(String loginPath, String callbackPath, String logoutPath, String afterLogin) {
}
