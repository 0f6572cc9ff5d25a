package io.github.procorecdi.simulator;

/**
 * An OAuth client registered with the simulator.
 *
 * @param clientId       client id
 * @param clientSecret   client secret (fake: the simulator's own credentials)
 * @param serviceAccount a Developer Managed Service Account: may use client_credentials, acts as no user
 */
public record SimClient(String clientId, String clientSecret, boolean serviceAccount) {
    @Override
    public String toString() {
        return "SimClient[" + clientId + (serviceAccount ? ", service account" : "") + "]";
    }
}
