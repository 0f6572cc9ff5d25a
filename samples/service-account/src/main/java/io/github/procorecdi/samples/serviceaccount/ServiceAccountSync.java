package io.github.procorecdi.samples.serviceaccount;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.github.procorecdi.simulator.ProcoreSimulator;

/**
 * Entry point. With {@code procore.dmsa.client-id} configured (e.g. environment variables
 * {@code PROCORE_DMSA_CLIENT_ID}, {@code PROCORE_DMSA_CLIENT_SECRET}, {@code PROCORE_DMSA_ENVIRONMENT=sandbox})
 * it talks to Procore; without, it starts the Procore simulator in-process and talks to that.
 */
public final class ServiceAccountSync {

    private ServiceAccountSync() {
    }

    public static void main(String[] args) {
        ProcoreSimulator simulator = null;
        if (ConfigProvider.getConfig().getOptionalValue("procore.dmsa.client-id", String.class).isEmpty()) {
            simulator = ProcoreSimulator.start();
            SimulatorDefaults.set(Map.of(
                    "procore.dmsa.grant-type", "client_credentials",
                    "procore.dmsa.client-id", ProcoreSimulator.DMSA_CLIENT_ID,
                    "procore.dmsa.client-secret", ProcoreSimulator.DMSA_CLIENT_SECRET,
                    "procore.dmsa.login-url", simulator.loginUrl().toString(),
                    "procore.dmsa.api-url", simulator.apiUrl().toString()));
            System.out.println("No procore.dmsa.* configuration found: using the Procore simulator at " + simulator.apiUrl());
        }
        try (WeldContainer container = new Weld().initialize()) {
            int projects = container.select(CompanySync.class).get().run(System.out);
            System.out.println("Done: " + projects + " projects.");
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }
}
