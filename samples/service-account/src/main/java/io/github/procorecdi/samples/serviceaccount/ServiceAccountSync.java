package io.github.procorecdi.samples.serviceaccount;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.github.procorecdi.simulator.ProcoreSimulator;

/**
 * Entry point: {@code [list | sync [file.csv] [company] | upload [file] [company project]]}, {@code list} by default.
 * With {@code procore.dmsa.client-id} configured (e.g. environment variables {@code PROCORE_DMSA_CLIENT_ID},
 * {@code PROCORE_DMSA_CLIENT_SECRET}, {@code PROCORE_DMSA_COMPANY_ID}, {@code PROCORE_DMSA_ENVIRONMENT=sandbox}) it
 * talks to Procore; with no {@code PROCORE_DMSA_*} variable (nor {@code procore.dmsa.*} property) at all, it starts the
 * Procore simulator in-process and talks to that; anything in between (a misspelled or missing variable) is refused
 * before anything is sent, naming what was read ({@link Setup}). Errors are one concise line and a non-zero exit.
 */
public final class ServiceAccountSync {
    /** The simulator's small company and its first project, the default target of {@code sync} and {@code upload}. */
    static final long SIM_COMPANY = 101;
    static final long SIM_PROJECT = 1001;

    /** The simulator of this JVM, started at the first run that needs it and kept for later runs (tests run several). */
    private static ProcoreSimulator simulator;

    private ServiceAccountSync() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out, System.err);
        } finally {
            stopSimulator();
        }
        if (status != 0) {
            System.exit(status); // a concise message was printed; no stack trace
        }
    }

    /** Stops the simulator, if a run started one (its HTTP server thread would keep the JVM alive). */
    static synchronized void stopSimulator() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    /** One run, printing to {@code System.out} and {@code System.err}. */
    static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /**
     * One run; a simulator it starts stays up for later runs in this JVM until {@link #stopSimulator()}.
     *
     * @return the exit status: 0, 2 for a usage or configuration error, 1 for a failure at Procore; each printed as one
     *         concise message on {@code err}, without a stack trace
     */
    static synchronized int run(String[] args, PrintStream out, PrintStream err) {
        String step = args.length > 0 ? args[0] : "list";
        if (!step.equals("list") && !step.equals("sync") && !step.equals("upload")) {
            err.println("service-account sample: unknown command '" + step + "'; usage: [list | sync [file.csv] [company] | upload [file] "
                    + "[company project]]");
            return 2;
        }
        out.println("service-account sample: " + step + " (starting Weld and procore-cdi ...)");
        Setup.Decision setup = Setup.decide(System.getenv(), System.getProperties());
        if (setup.problem() != null) {
            err.println("service-account sample: configuration error: " + setup.problem());
            return 2;
        }
        boolean configured = ConfigProvider.getConfig().getOptionalValue("procore.dmsa.client-id", String.class).isPresent()
                && simulator == null;
        if (!configured && !setup.read().isEmpty()) {
            err.println("service-account sample: configuration error: " + setup.readLine() + " but procore.dmsa.client-id is not set; "
                    + "nothing was sent");
            return 2;
        }
        if (!configured && simulator == null) {
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
            ConfigValue secret = ConfigProvider.getConfig().getConfigValue("procore.dmsa.client-secret");
            if (!SimulatorDefaults.NAME.equals(secret.getSourceName())) {
                err.println("service-account sample: configuration error: procore.dmsa.client-secret comes from " + secret.getSourceName()
                        + ", not from the simulator: a real secret is never sent to the simulator; nothing was sent");
                return 2;
            }
            out.println("No procore.dmsa.* configuration found (" + setup.readLine() + "): using the Procore simulator at "
                    + simulator.apiUrl());
        } else {
            ConfigValue api = ConfigProvider.getConfig().getConfigValue("procore.dmsa.api-url");
            ConfigValue environment = ConfigProvider.getConfig().getConfigValue("procore.dmsa.environment");
            out.println("Using Procore" + (api.getValue() != null ? " at " + api.getValue()
                    : " (environment " + (environment.getValue() != null ? environment.getValue() : "production") + ")")
                    + "; " + setup.readLine());
        }
        try (WeldContainer container = new Weld().initialize()) {
            if (simulator != null) {
                simulator.reset(); // each run starts from the simulator's initial data
            }
            switch (step) {
                case "sync" -> container.select(ProjectImport.class).get().run(args.length > 1 ? Path.of(args[1]) : null,
                        args.length > 2 ? number(args[2], "company") : company(), out);
                case "upload" -> container.select(FileUpload.class).get().run(args.length > 1 ? Path.of(args[1]) : null,
                        args.length > 3 ? number(args[2], "company") : company(),
                        args.length > 3 ? number(args[3], "project") : SIM_PROJECT, out);
                default -> {
                    int projects = container.select(CompanySync.class).get().run(out);
                    out.println("Done: " + projects + " projects.");
                }
            }
            return 0;
        } catch (RuntimeException | java.io.IOException e) {
            return Failures.report("service-account sample", e, err);
        }
    }

    private static long number(String value, String what) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + what + " id '" + value + "' is not a number");
        }
    }

    /** @return {@code procore.dmsa.company-id}: the company a service account names on every call */
    private static long company() {
        return ConfigProvider.getConfig().getOptionalValue("procore.dmsa.company-id", Long.class).orElse(SIM_COMPANY);
    }
}
