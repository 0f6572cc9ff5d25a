package io.github.procorecdi.samples.installedapp;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.github.procorecdi.simulator.ProcoreSimulator;

/**
 * A command-line tool that acts for a Procore user (installed-app authorization code,
 * {@code urn:ietf:wg:oauth:2.0:oob}). First run: prints Procore's sign-in address and reads the code
 * the user pastes. Later runs: headless, on the refresh token kept in the {@code file} token store.
 * Argument {@code sign-out} revokes and forgets the tokens.
 *
 * <p>Without {@code procore.default.client-id} configured it uses the Procore simulator, started
 * in-process with its state in {@code ~/.procore-cdi/simulator-state.json} so that its refresh tokens
 * survive between runs like Procore's do.
 */
public final class InstalledApp {

    private InstalledApp() {
    }

    public static void main(String[] args) {
        int status = run(args.length > 0 ? args[0] : "", System.in, System.out, System.err, Path.of(System.getProperty("user.home")));
        if (status != 0) {
            System.exit(status); // a concise message was printed; no stack trace
        }
    }

    /** Runs the tool with the given console, errors on {@code System.err}. */
    public static int run(String command, InputStream stdin, PrintStream out, Path home) {
        return run(command, stdin, out, System.err, home);
    }

    /**
     * Runs the tool with the given console; {@code home} holds {@code .procore-cdi/} in simulator mode.
     *
     * @return 0, 2 for a usage or configuration error, 1 for a failure at Procore: each one concise line on {@code err}
     */
    public static int run(String command, InputStream stdin, PrintStream out, PrintStream err, Path home) {
        if (!command.isEmpty() && !command.equals("sign-out")) {
            err.println("installed-app sample: unknown command '" + command + "'; usage: [sign-out]");
            return 2;
        }
        out.println("installed-app sample: starting Weld and procore-cdi ...");
        ProcoreSimulator simulator = null;
        if (!configuredElsewhere()) {
            ConfigValue secret = ConfigProvider.getConfig().getConfigValue("procore.default.client-secret");
            if (secret.getValue() != null && !SimulatorDefaults.NAME.equals(secret.getSourceName())) {
                // e.g. PROCORE_DEFAULT_CLIENT_SECRET set and the client id misspelled: a real secret never goes to the simulator
                err.println("installed-app sample: configuration error: procore.default.client-secret is set (" + secret.getSourceName()
                        + ") but procore.default.client-id is not (PROCORE_DEFAULT_CLIENT_ID); set it too, or unset the secret to use "
                        + "the simulator; nothing was sent");
                return 2;
            }
            Path dir = home.resolve(".procore-cdi");
            simulator = ProcoreSimulator.start(0, dir.resolve("simulator-state.json"));
            String lifetime = System.getProperty("procore.simulator.access-token-lifetime");
            if (lifetime != null) {
                simulator.accessTokenLifetime(java.time.Duration.parse(lifetime));
            }
            SimulatorDefaults.set(Map.of(
                    "procore.default.client-id", ProcoreSimulator.WEB_CLIENT_ID,
                    "procore.default.client-secret", ProcoreSimulator.WEB_CLIENT_SECRET,
                    "procore.default.login-url", simulator.loginUrl().toString(),
                    "procore.default.api-url", simulator.apiUrl().toString(),
                    "procore.default.token-store.path", dir.resolve("simulator-default.tokens").toString()));
            out.println("(No procore.default.client-id configured: using the Procore simulator at " + simulator.loginUrl()
                    + "; sign in as ada@example.com / " + ProcoreSimulator.PASSWORD + ")");
        }
        try (WeldContainer container = new Weld().initialize()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            return container.select(Session.class).get().run(command, in, out);
        } catch (RuntimeException | java.io.IOException e) {
            return Failures.report("installed-app sample", e, err);
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    /** @return whether a real configuration (anything but the simulator defaults) names the client */
    private static boolean configuredElsewhere() {
        ConfigValue id = ConfigProvider.getConfig().getConfigValue("procore.default.client-id");
        return id.getValue() != null && !SimulatorDefaults.NAME.equals(id.getSourceName());
    }
}
