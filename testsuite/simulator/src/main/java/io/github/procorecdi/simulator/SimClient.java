package io.github.procorecdi.simulator;

import java.util.List;

/**
 * An OAuth client registered with the simulator, like an app in Procore's Developer Portal.
 *
 * @param clientId       client id
 * @param clientSecret   client secret (fake: the simulator's own credentials)
 * @param serviceAccount a Developer Managed Service Account: may use client_credentials, acts as no user
 * @param redirectUris   the redirect URIs registered for it; empty: any loopback http(s) URI and
 *                       {@code urn:ietf:wg:oauth:2.0:oob} (Procore registers {@code http://localhost} by default)
 */
public record SimClient(String clientId, String clientSecret, boolean serviceAccount, List<String> redirectUris) {
    public SimClient {
        redirectUris = List.copyOf(redirectUris);
    }

    /** A client with the default redirect URIs (loopback and out-of-band). */
    public SimClient(String clientId, String clientSecret, boolean serviceAccount) {
        this(clientId, clientSecret, serviceAccount, List.of());
    }

    /** @return the same client with exactly these redirect URIs registered */
    public SimClient withRedirectUris(String... uris) {
        return new SimClient(clientId, clientSecret, serviceAccount, List.of(uris));
    }

    boolean redirectAllowed(String redirectUri) {
        if (!redirectUris.isEmpty()) {
            return redirectUris.contains(redirectUri);
        }
        if (OAuthHandler.OOB.equals(redirectUri)) {
            return true;
        }
        try {
            java.net.URI uri = java.net.URI.create(redirectUri);
            String host = uri.getHost();
            return uri.getScheme() != null && uri.getScheme().startsWith("http") && host != null
                    && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SimClient[" + clientId + (serviceAccount ? ", service account" : "") + "]";
    }
}
