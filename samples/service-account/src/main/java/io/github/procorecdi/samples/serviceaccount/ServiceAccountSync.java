package io.github.procorecdi.samples.serviceaccount;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.github.procorecdi.simulator.ProcoreSimulator;

/**
 * Entry point: {@code [list | sync [file.csv] [company] | upload [file] [company project]]}, {@code list} by default.
 * With {@code procore.dmsa.client-id} configured (e.g. environment variables {@code PROCORE_DMSA_CLIENT_ID},
 * {@code PROCORE_DMSA_CLIENT_SECRET}, {@code PROCORE_DMSA_COMPANY_ID}, {@code PROCORE_DMSA_ENVIRONMENT=sandbox}) it
 * talks to Procore; without, it starts the Procore simulator in-process and talks to that.
 */
public final class ServiceAccountSync {
    /** The simulator's small company and its first project, the default target of {@code sync} and {@code upload}. */
    static final long SIM_COMPANY = 101;
    static final long SIM_PROJECT = 1001;

    /** The simulator of this JVM, started at the first run that needs it and kept for later runs (tests run several). */
    private static ProcoreSimulator simulator;

    private ServiceAccountSync() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } finally {
            stopSimulator();
        }
    }

    /** Stops the simulator, if a run started one (its HTTP server thread would keep the JVM alive). */
    static synchronized void stopSimulator() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    /** One run; a simulator it starts stays up for later runs in this JVM until {@link #stopSimulator()}. */
    static synchronized void run(String[] args) throws Exception {
        String step = args.length > 0 ? args[0] : "list";
        if (!step.equals("list") && !step.equals("sync") && !step.equals("upload")) {
            System.err.println("usage: [list | sync [file.csv] [company] | upload [file] [company project]]");
            System.exit(2);
        }
        if (simulator == null && ConfigProvider.getConfig().getOptionalValue("procore.dmsa.client-id", String.class).isEmpty()) {
            simulator = ProcoreSimulator.start();
            SimulatorDefaults.set(Map.of(
                    "procore.dmsa.grant-type", "client_credentials",
                    "procore.dmsa.client-id", ProcoreSimulator.DMSA_CLIENT_ID,
                    "procore.dmsa.client-secret", ProcoreSimulator.DMSA_CLIENT_SECRET,
                    "procore.dmsa.login-url", simulator.loginUrl().toString(),
                    "procore.dmsa.api-url", simulator.apiUrl().toString(),
                    "procore.dmsa.company-id", Long.toString(SIM_COMPANY)));
        }
        if (simulator != null) {
            System.out.println("No procore.dmsa.* configuration found: using the Procore simulator at " + simulator.apiUrl());
        }
        try (WeldContainer container = new Weld().initialize()) {
            if (simulator != null) {
                simulator.reset(); // each run starts from the simulator's initial data
            }
            switch (step) {
                case "sync" -> container.select(ProjectImport.class).get().run(args.length > 1 ? Path.of(args[1]) : null,
                        args.length > 2 ? Long.parseLong(args[2]) : company(), System.out);
                case "upload" -> container.select(FileUpload.class).get().run(args.length > 1 ? Path.of(args[1]) : null,
                        args.length > 3 ? Long.parseLong(args[2]) : company(), args.length > 3 ? Long.parseLong(args[3]) : SIM_PROJECT,
                        System.out);
                default -> {
                    int projects = container.select(CompanySync.class).get().run(System.out);
                    System.out.println("Done: " + projects + " projects.");
                }
            }
        }
    }

    /** @return {@code procore.dmsa.company-id}: the company a service account names on every call */
    private static long company() {
        return ConfigProvider.getConfig().getOptionalValue("procore.dmsa.company-id", Long.class).orElse(SIM_COMPANY);
    }
}
